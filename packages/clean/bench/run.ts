/**
 * `pnpm bench:clean`: Dyad's cleaner against plain Readability over jsdom on the Zyte/Scrapinghub
 * article-extraction benchmark (181 pages, ../shared/bench/article-extraction), scored by the
 * benchmark's own method (src/benchmark/shingle-score.ts), same pages, same process, one after
 * the other on this thread; then 5,000 pages through Dyad's cleaner in a fresh child process (so
 * that jsdom's heap does not hide anything) to show that memory stays flat.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { loadProfile } from '@dyad/knowledge';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { aggregate, type BenchmarkMetrics, scorePage } from '../src/benchmark/shingle-score.ts';
import { cleanArticle } from '../src/clean.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const dataDir = resolve(repoRoot, '../shared/bench/article-extraction');
const LOOP_PAGES = Number(process.env.BENCH_LOOP_PAGES ?? 5_000);
const FETCHED_AT = '2026-01-01T00:00:00.000Z';

interface Page {
  readonly id: string;
  readonly url: string;
  readonly truth: string;
  readonly html: string;
}

function loadPages(): Page[] {
  const truth = JSON.parse(readFileSync(join(dataDir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  const files = new Set(readdirSync(join(dataDir, 'html')));
  return Object.keys(truth)
    .sort()
    .map((id) => {
      const entry = truth[id];
      if (!entry || !files.has(`${id}.html.gz`)) throw new Error(`benchmark page ${id} has no HTML file`);
      const html = gunzipSync(readFileSync(join(dataDir, 'html', `${id}.html.gz`))).toString('utf8');
      return { id, url: entry.url, truth: entry.articleBody, html };
    });
}

const gc = (globalThis as { gc?: () => void }).gc;
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await yieldToLoop();
    gc?.();
  }
}
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const profile = loadProfile();

function dyad(page: Page): { text: string; method: string } {
  try {
    const result = cleanArticle(
      { body: page.html, contentType: 'text/html', url: page.url, fetchedAt: FETCHED_AT },
      { profile },
    );
    return { text: result.text, method: result.method };
  } catch {
    return { text: '', method: 'failed' };
  }
}

/** Plain Readability over jsdom, as the benchmark's readability_js extractor runs it. */
async function readabilityJsdom(page: Page): Promise<string> {
  // The virtual console only keeps jsdom's CSS parse errors off stderr; it changes nothing else.
  const dom = new JSDOM(page.html, { url: page.url, virtualConsole: new VirtualConsole() });
  try {
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  } catch {
    return '';
  } finally {
    // jsdom frees a window only once it is closed and the event loop has had a turn.
    dom.window.close();
    await yieldToLoop();
  }
}

interface Run {
  readonly metrics: BenchmarkMetrics;
  readonly pagesPerSecond: number;
  readonly msPerPage: number;
}

async function measure(
  pages: readonly Page[],
  extract: (page: Page) => Promise<string> | string,
): Promise<Run> {
  await settle();
  const texts: string[] = [];
  const started = performance.now();
  for (const [i, page] of pages.entries()) {
    texts.push(await extract(page));
    // The event loop gets a turn now and then, as between messages in the service (jsdom's
    // extractor yields after every page anyway: it must, to free its windows).
    if (i % 25 === 24) await yieldToLoop();
  }
  const elapsed = performance.now() - started;
  const metrics = aggregate(pages.map((page, i) => scorePage(page.truth, texts[i] ?? '')));
  return { metrics, pagesPerSecond: (pages.length / elapsed) * 1000, msPerPage: elapsed / pages.length };
}

function row(name: string, run: Run): string {
  const { precision, recall, f1, accuracy } = run.metrics;
  return [
    name.padEnd(26),
    precision.toFixed(3).padStart(9),
    recall.toFixed(3).padStart(7),
    f1.toFixed(3).padStart(6),
    accuracy.toFixed(3).padStart(9),
    run.pagesPerSecond.toFixed(1).padStart(8),
    run.msPerPage.toFixed(1).padStart(8),
  ].join('  ');
}

async function main(): Promise<void> {
  const pages = loadPages();
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);
  console.log(`Article-extraction benchmark: ${pages.length} pages, ${mb(bytes)} of HTML (${dataDir})`);
  console.log(
    `Node ${process.version}, ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}, one thread each; gc ${gc ? 'exposed' : 'not exposed'}`,
  );

  // Each is measured on its second pass over the corpus (the first, not scored, compiles its code
  // and grows its heap: steady state, as in a running service), one right after the other.
  for (const page of pages) dyad(page);
  const methods = new Map<string, number>();
  const ours = await measure(pages, (page) => {
    const { text, method } = dyad(page);
    methods.set(method, (methods.get(method) ?? 0) + 1);
    return text;
  });
  for (const page of pages) await readabilityJsdom(page);
  const theirs = await measure(pages, readabilityJsdom);

  console.log();
  console.log(`${''.padEnd(26)}  precision  recall      F1  accuracy   pages/s  ms/page`);
  console.log(row("Dyad's cleaner", ours));
  console.log(row('Readability over jsdom', theirs));
  console.log();
  console.log(
    `speed: Dyad's cleaner is ${(ours.pagesPerSecond / theirs.pagesPerSecond).toFixed(1)}× plain Readability over jsdom`,
  );
  console.log(`Dyad's methods: ${[...methods].map(([m, n]) => `${m} ${n}`).join(', ')}`);
  console.log(
    '(published: Readability.js F1 0.947, trafilatura 0.958; target ≥ 0.960, aim ≥ 0.970; speed ≥ 5×)',
  );

  // Memory: a child process of its own, started clean.
  const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--memory-loop'], {
    stdio: 'inherit',
  });
  if (child.status !== 0) throw new Error(`the memory loop failed (exit ${child.status})`);
}

/** LOOP_PAGES pages through Dyad's cleaner, cycling the corpus; RSS at the start and the end. */
async function memoryLoop(): Promise<void> {
  const pages = loadPages();
  for (const page of pages) dyad(page);
  await settle();
  const start = process.memoryUsage();
  console.log();
  console.log(
    `memory: ${LOOP_PAGES} pages through Dyad's cleaner (the ${pages.length} cycled), in a fresh process`,
  );
  console.log(`  start  RSS ${mb(start.rss)}, heap used ${mb(start.heapUsed)}`);
  const checkpoints: { pages: number; rss: number }[] = [];
  const started = performance.now();
  for (let i = 0; i < LOOP_PAGES; i++) {
    const page = pages[i % pages.length];
    if (page) dyad(page);
    // The event loop gets a turn now and then, as it does between messages in the service.
    if (i % 25 === 24) await yieldToLoop();
    if ((i + 1) % 1_000 === 0 && i + 1 < LOOP_PAGES) {
      const rss = process.memoryUsage().rss;
      checkpoints.push({ pages: i + 1, rss });
      console.log(`  ${String(i + 1).padStart(5)}  RSS ${mb(rss)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await settle();
  const end = process.memoryUsage();
  console.log(
    `  end    RSS ${mb(end.rss)}, heap used ${mb(end.heapUsed)} (${(LOOP_PAGES / seconds).toFixed(1)} pages/s over the loop)`,
  );
  const [first, ...rest] = checkpoints;
  if (first) {
    const later = [...rest.map((c) => c.rss), end.rss];
    console.log(
      `  RSS ${mb(start.rss)} → ${mb(first.rss)} over the first ${first.pages} pages (V8 sizing its heap), then ` +
        `between ${mb(Math.min(first.rss, ...later))} and ${mb(Math.max(first.rss, ...later))} up to the end; ` +
        `heap in use ${mb(start.heapUsed)} → ${mb(end.heapUsed)}`,
    );
  }
}

if (process.argv.includes('--memory-loop')) await memoryLoop();
else await main();
