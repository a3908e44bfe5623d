import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
const dir = '/work/shared/bench/article-extraction';
const gt = JSON.parse(readFileSync(`${dir}/ground-truth.json`, 'utf8')) as Record<string, { articleBody: string; url: string }>;
const pages = Object.keys(gt).sort().map((id) => gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString('utf8'));
const steps: [string, (s: string) => string][] = [
  ['comment', (s) => s.replace(/<!--[\s\S]*?-->/g, '')],
  ['script', (s) => s.replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (w, a: string) => (/application\/ld\+json/i.test(a) ? w : ''))],
  ['drop', (s) => s.replace(/<(style|noscript|template|iframe|svg|object|canvas|video|audio|select|textarea|button|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')],
  ['void', (s) => s.replace(/<(?:embed|iframe|source|track|input|wbr)\b[^>]*>/gi, '')],
  ['attrs', (s) => s.replace(/<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g, (t, n: string, a: string) => (a.length < 2 ? t : `<${n}>`))],
  ['ws', (s) => s.replace(/<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>(\s+)(?=<(\/?)([a-zA-Z][\w:-]*))/g, (w) => w)],
];
for (let round = 0; round < 2; round++) {
  const times = new Map<string, number>();
  for (let p of pages) {
    for (const [name, fn] of steps) { const t = performance.now(); p = fn(p); times.set(name, (times.get(name) ?? 0) + performance.now() - t); }
  }
  console.log([...times].map(([k, v]) => `${k} ${v.toFixed(0)}ms`).join('  '));
}
