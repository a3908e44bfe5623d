import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadProfile } from '@dyad/knowledge';
import { aggregate, scorePage } from '../src/benchmark/shingle-score.ts';
import { cleanArticle } from '../src/clean.ts';
const dir = '/work/shared/bench/article-extraction';
const gt = JSON.parse(readFileSync(`${dir}/ground-truth.json`, 'utf8')) as Record<string, { articleBody: string; url: string }>;
const pages = Object.keys(gt).sort().map((id) => ({ id, html: gunzipSync(readFileSync(`${dir}/html/${id}.html.gz`)).toString('utf8'), url: gt[id]!.url, truth: gt[id]!.articleBody }));
const profile = loadProfile();
const run = () => pages.map((p) => cleanArticle({ body: p.html, contentType: 'text/html', url: p.url, fetchedAt: '2026-01-01T00:00:00Z' }, { profile }));
run();
const c0 = process.cpuUsage(); const t0 = performance.now();
const res = run();
const cu = process.cpuUsage(c0);
const m = aggregate(res.map((r, i) => scorePage(pages[i]!.truth, r.text)));
console.log(`${process.env.LABEL ?? ''} cpu ${((cu.user + cu.system) / 1000 / pages.length).toFixed(1)} wall ${((performance.now() - t0) / pages.length).toFixed(1)} P ${m.precision.toFixed(4)} R ${m.recall.toFixed(4)} F1 ${m.f1.toFixed(4)} acc ${m.accuracy.toFixed(3)}`);
if (process.env.DUMP) {
  const rows = res.map((r, i) => { const s = scorePage(pages[i]!.truth, r.text); return `${pages[i]!.id.slice(0, 8)}\t${(s.tp / (s.tp + s.fp || 1)).toFixed(3)}\t${(s.tp / (s.tp + s.fn || 1)).toFixed(3)}\t${r.method}\t${pages[i]!.url}`; });
  (await import('node:fs')).writeFileSync(process.env.DUMP, rows.join('\n'));
  (await import('node:fs')).writeFileSync(process.env.DUMP + '.json', JSON.stringify(Object.fromEntries(res.map((r, i) => [pages[i]!.id, r.text]))));
}
