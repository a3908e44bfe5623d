/**
 * `pnpm bench:pipeline [--articles N] [--rate R] [--memory] [--poll-ms MS] [--no-cores] [--keep] [--cpu-prof SERVICE]… [--heap-snapshot SERVICE]… [--node-options OPTS]`:
 * the four services, their own brokers and a loopback news site on this machine
 * (packages/e2e/src/pipeline-bench.ts).
 *
 * - default: 2,000 articles published at once; throughput, latency under that load, CPU per
 *   article per process, peak RSS, and the cores' share of the CPU.
 * - `--rate 20`: published at a steady 20 articles/s, for latency (feed → new-event).
 * - `--memory`: 10,000 articles (unless --articles says otherwise) at 20/s (unless --rate says
 *   otherwise); peak RSS per service, and its RSS at each quarter of the run, to show that it
 *   stays flat.
 *
 * Sources are polled every 500 ms at a rate (the least the sources file takes), every 5 s when all is
 * published at once (--poll-ms). Progress goes to
 * stderr, the figures to stdout; the two summary lines last. Exits 1 when an article is lost, an
 * event is announced twice or never.
 */
import { parseArgs } from 'node:util';
import type { StageName } from '@dyad/contracts';
import { SERVICE_NAMES } from '../src/pipeline.ts';
import {
  type PipelineBenchResult,
  PROCESS_NAMES,
  type ProcessName,
  runPipelineBench,
} from '../src/pipeline-bench.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string' },
    rate: { type: 'string' },
    memory: { type: 'boolean', default: false },
    'poll-ms': { type: 'string' },
    'no-cores': { type: 'boolean', default: false },
    'timeout-min': { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string', multiple: true },
    'heap-snapshot': { type: 'string', multiple: true },
    'node-options': { type: 'string' },
  },
});
const articles = Number(values.articles ?? (values.memory ? 10_000 : 2_000));
// The memory run publishes at 20/s unless told otherwise: feeds that change at every poll, as in
// service, for as long as 10,000 articles take.
const rate = values.rate !== undefined ? Number(values.rate) : values.memory ? 20 : undefined;
// Latency needs short polls; published at once, every item is in the first poll that finds any,
// and later polls (304s) only cost the fetcher and Redis.
const pollMs = Number(values['poll-ms'] ?? (rate === undefined ? 5_000 : 500));
const timeoutMin = Number(values['timeout-min']);
if (
  !Number.isInteger(articles) ||
  articles < 10 ||
  (rate !== undefined && !(rate > 0)) ||
  !(pollMs >= 500) ||
  !(timeoutMin > 0)
) {
  process.stderr.write(
    'usage: pnpm bench:pipeline [--articles N (≥ 10)] [--rate R] [--memory] [--poll-ms MS (≥ 500)] [--no-cores] [--timeout-min M] [--keep] [--cpu-prof SERVICE]… [--heap-snapshot SERVICE]… [--node-options OPTS]\n',
  );
  process.exit(2);
}

const services = (given: readonly string[] | undefined): StageName[] =>
  (given ?? []).filter((n): n is StageName => (SERVICE_NAMES as string[]).includes(n));
const r = await runPipelineBench({
  articles,
  ...(rate !== undefined ? { rate } : {}),
  pollMs,
  timeoutMs: timeoutMin * 60_000,
  cores: !values['no-cores'],
  keepDir: values.keep,
  cpuProf: services(values['cpu-prof']),
  heapSnapshots: services(values['heap-snapshot']),
  ...(values['node-options'] ? { nodeOptions: values['node-options'] } : {}),
  log: (line) => process.stderr.write(`${line}\n`),
});

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const ms = (cpuSeconds: number) => `${(cpuSeconds * 1000).toFixed(1)} ms`;
const total = (names: readonly ProcessName[]) => names.reduce((sum, n) => sum + r.cpu[n], 0);
const serviceNames = PROCESS_NAMES.slice(0, 4);
const all = total(PROCESS_NAMES);
const coreTotal = r.cores ? r.cores.clean + r.cores.extract + r.cores.resolve : undefined;
const lines = [
  `pipeline: ${r.articles} articles (${values.memory ? 'memory run' : rate === undefined ? 'published at once' : `published at ${rate}/s`}; feeds polled every ${pollMs} ms): stored ${r.stored}, lost ${r.lost}; new-event ${r.newEvents}, duplicate ${r.duplicates}, unannounced ${r.unannounced}; ${r.seconds} s`,
  `pipeline: CPU per article: ${PROCESS_NAMES.map((n) => `${n} ${ms(r.cpu[n])}`).join(', ')}; services ${ms(total(serviceNames))}, total ${ms(all)}`,
  ...(r.cores && coreTotal !== undefined
    ? [
        `pipeline: cores' CPU per article (one process, same pages): clean ${ms(r.cores.clean)}, extract ${ms(r.cores.extract)}, resolve ${ms(r.cores.resolve)}; ${ms(coreTotal)} = ${(coreTotal / total(serviceNames)).toFixed(2)} of the services' CPU`,
      ]
    : []),
  `pipeline: peak RSS: ${PROCESS_NAMES.map((n) => `${n} ${mb(r.peakRss[n])}`).join(', ')}`,
  `pipeline: RSS (peak so far) at each quarter of the run: ${serviceNames.map((n) => `${n} ${(r.rssByQuarter[n as keyof PipelineBenchResult['rssByQuarter']] ?? []).map((q) => `${mb(q.rss)} (${mb(q.peak)})`).join(' / ')}`).join('; ')}`,
  `pipeline: ${Math.round(r.articlesPerSecond)} articles/s end to end; cores' share of CPU ${coreTotal === undefined ? 'not measured' : (coreTotal / all).toFixed(2)}`,
  `pipeline: feed→new-event p50 ${Math.round(r.latency.p50)} ms, p95 ${Math.round(r.latency.p95)} ms, p99 ${Math.round(r.latency.p99)} ms at ${Math.round(r.articlesPerSecond)} articles/s`,
];
for (const line of lines) process.stdout.write(`${line}\n`);
process.exit(r.ok ? 0 : 1);
