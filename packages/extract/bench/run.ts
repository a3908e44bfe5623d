// `pnpm bench:extract`: articles per second on one core for ~800-word articles, built from the
// seeds (Arabic and French news about the dyad, furniture included).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract, loadKnowledgeIndex } from '../src/index.ts';

const seeds = join(import.meta.dirname, '../../../seeds');
const texts = readdirSync(seeds)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(seeds, f), 'utf8'));
const articles = texts.map((t, i) => {
  let body = t;
  while (body.split(/\s+/).length < 800) body += `\n${texts[(i + 1) % texts.length]}`;
  return { text: body, lang: /[\u0600-\u06ff]/.test(t) ? 'ar' : 'fr' };
});
const kb = loadKnowledgeIndex();
extract({ ...(articles[0] ?? { text: '', lang: 'en' }), publishedAt: '2025-04-10' }, kb); // warm up
const rounds = 40;
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
for (let r = 0; r < rounds; r++) for (const a of articles) extract({ ...a, publishedAt: '2025-04-10' }, kb);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// CPU time as well as wall time: on a loaded machine the wall clock counts other processes' turns,
// the CPU time only this one's (user + system of this single-threaded loop).
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const n = rounds * articles.length;
const words = articles.reduce((s, a) => s + a.text.split(/\s+/).length, 0) / articles.length;
console.log(
  `extract: ${n} articles of ~${Math.round(words)} words in ${seconds.toFixed(2)} s = ${(n / seconds).toFixed(0)} articles/s (one core); ${(n / cpuSeconds).toFixed(0)} articles per CPU-second`,
);
