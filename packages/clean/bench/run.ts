/**
 * `pnpm bench:clean`: Dyad's cleaner against plain Readability over jsdom on the Zyte/Scrapinghub
 * article-extraction benchmark (181 pages, ../shared/bench/article-extraction), scored by the
 * benchmark's own method (src/benchmark/shingle-score.ts), same pages, same process, one after
 * the other on this thread; then 5,000 pages through Dyad's cleaner in a fresh child process (so
 * that jsdom's heap does not hide anything) to show that memory stays flat.
 *
 * `pnpm bench:clean --set <name>` scores an evaluation set of this folder instead
 * (`bench/<name>/labels.json` and `pages/<id>.html.gz`, e.g. `synth`): each half (tuning,
 * untouched) on its own, with pages of zero recall, empty texts and must-drop segments kept;
 * per-page lines for the tuning half only. `--half tuning|untouched` runs one half;
 * `--memory` adds the memory loop (over the set's pages).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker, workerData } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import type { Profile } from '@dyad/knowledge';
import { keptSegments } from '../src/benchmark/segments.ts';
import {
  aggregate,
  type BenchmarkMetrics,
  type PageScore,
  scorePage,
} from '../src/benchmark/shingle-score.ts';
import type { cleanArticle } from '../src/clean.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const dataDir = resolve(repoRoot, '../shared/bench/article-extraction');
const LOOP_PAGES = Number(process.env.BENCH_LOOP_PAGES ?? 5_000);
const FETCHED_AT = '2026-01-01T00:00:00.000Z';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const SET = option('--set') ?? 'public';
const HALF = option('--half');

interface Page {
  readonly id: string;
  readonly url: string;
  readonly truth: string;
  readonly html: string;
  /** Evaluation sets: tuning or untouched, the furniture that must not come out, the page shape. */
  readonly split?: string;
  readonly mustDrop?: readonly string[];
  readonly note?: string;
}

interface SetLabel {
  readonly url: string;
  readonly lang: string;
  readonly split: string;
  readonly shape: string;
  readonly articleBody: string;
  readonly mustDrop: readonly string[];
}

/** A page on disk: its gzip-compressed HTML file and its labels. */
type PageFile = Omit<Page, 'html'> & { readonly file: string };

/** An evaluation set of this folder: bench/<name>/labels.json and pages/<id>.html.gz. */
function setFiles(name: string): PageFile[] {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`no such set: ${name}`);
  const dir = join(import.meta.dirname, name);
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as Record<string, SetLabel>;
  return Object.keys(labels)
    .sort()
    .flatMap((id) => {
      const label = labels[id];
      if (!label || (HALF && label.split !== HALF)) return [];
      return [
        {
          id,
          url: label.url,
          truth: label.articleBody,
          file: join(dir, 'pages', `${id}.html.gz`),
          split: label.split,
          mustDrop: label.mustDrop,
          note: `${label.lang} ${label.shape}`,
        },
      ];
    });
}

function pageFiles(): PageFile[] {
  if (SET !== 'public') return setFiles(SET);
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
      return { id, url: entry.url, truth: entry.articleBody, file: join(dataDir, 'html', `${id}.html.gz`) };
    });
}

function loadPages(): Page[] {
  return pageFiles().map(({ file, ...page }) => ({
    ...page,
    html: gunzipSync(readFileSync(file)).toString('utf8'),
  }));
}

const gc = (globalThis as { gc?: () => void }).gc;
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await yieldToLoop();
    gc?.();
  }
}
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * The cleaner and the profile, loaded where pages are cleaned (this process's thread, the memory
 * loop's worker) and not by the memory loop's main thread, which only starts the worker.
 */
let cleaner: { readonly clean: typeof cleanArticle; readonly profile: Profile } | undefined;
async function loadCleaner(): Promise<void> {
  const [{ cleanArticle: clean }, { loadProfile }] = await Promise.all([
    import('../src/clean.ts'),
    import('@dyad/knowledge'),
  ]);
  cleaner = { clean, profile: loadProfile() };
}

function dyad(page: Page): { text: string; method: string } {
  try {
    if (!cleaner) throw new Error('the cleaner is not loaded');
    const result = cleaner.clean(
      { body: page.html, contentType: 'text/html', url: page.url, fetchedAt: FETCHED_AT },
      { profile: cleaner.profile },
    );
    return { text: result.text, method: result.method };
  } catch {
    return { text: '', method: 'failed' };
  }
}

// jsdom and Readability are loaded for the comparison only: the memory loop's threads must not hold them.
const { Readability } = process.argv.some((arg) => arg.startsWith('--memory-'))
  ? { Readability: undefined }
  : await import('@mozilla/readability');
const jsdom = process.argv.some((arg) => arg.startsWith('--memory-')) ? undefined : await import('jsdom');

/** Plain Readability over jsdom, as the benchmark's readability_js extractor runs it. */
async function readabilityJsdom(page: Page): Promise<string> {
  // The virtual console only keeps jsdom's CSS parse errors off stderr; it changes nothing else.
  if (!jsdom || !Readability) throw new Error('jsdom is not loaded in the memory loop');
  const dom = new jsdom.JSDOM(page.html, { url: page.url, virtualConsole: new jsdom.VirtualConsole() });
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
  readonly scores: readonly PageScore[];
  readonly texts: readonly string[];
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
  const scores = pages.map((page, i) => scorePage(page.truth, texts[i] ?? ''));
  const metrics = aggregate(scores);
  return {
    metrics,
    pagesPerSecond: (pages.length / elapsed) * 1000,
    msPerPage: elapsed / pages.length,
    scores,
    texts,
  };
}

const recallOf = ({ tp, fn }: PageScore): number => (tp + fn === 0 ? 1 : tp / (tp + fn));
const precisionOf = ({ tp, fp }: PageScore): number => (tp + fp === 0 ? 0 : tp / (tp + fp));

/** Pages of zero recall, empty texts, and must-drop segments kept (when the set has them). */
function failures(pages: readonly Page[], run: Run): string {
  const zero = run.scores.filter((s, i) => recallOf(s) === 0 && (pages[i]?.truth.trim() ?? '') !== '').length;
  const empty = run.texts.filter((t) => t.trim() === '').length;
  let judged = 0;
  let kept = 0;
  for (const [i, page] of pages.entries()) {
    if (!page.mustDrop) continue;
    const count = keptSegments(page.truth, run.texts[i] ?? '', page.mustDrop);
    judged += count.judged;
    kept += count.kept;
  }
  const segments =
    judged > 0 ? `, must-drop segments kept ${kept}/${judged} (${((kept / judged) * 100).toFixed(1)}%)` : '';
  return `zero recall ${zero}, empty text ${empty}${segments}`;
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
  await loadCleaner();
  const pages = loadPages();
  const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);
  const where = SET === 'public' ? dataDir : join(import.meta.dirname, SET);
  const title =
    SET === 'public'
      ? 'Article-extraction benchmark'
      : `Evaluation set ${SET}${HALF ? ` (${HALF} half)` : ''}`;
  console.log(`${title}: ${pages.length} pages, ${mb(bytes)} of HTML (${where})`);
  console.log(
    `Node ${process.version}, ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}, one thread each; gc ${gc ? 'exposed' : 'not exposed'}`,
  );

  // Each is measured on its second pass over the corpus (the first, not scored, compiles its code
  // and grows its heap: steady state, as in a running service), one right after the other.
  for (const page of pages) dyad(page);
  for (const page of pages) await readabilityJsdom(page);
  const halves = SET === 'public' ? [undefined] : [...new Set(pages.map((p) => p.split))].sort();
  for (const half of halves) {
    const part = pages.filter((p) => p.split === half);
    const methods = new Map<string, number>();
    const ours = await measure(part, (page) => {
      const { text, method } = dyad(page);
      methods.set(method, (methods.get(method) ?? 0) + 1);
      return text;
    });
    const theirs = await measure(part, readabilityJsdom);

    console.log();
    if (half) console.log(`${half} half: ${part.length} pages`);
    console.log(`${''.padEnd(26)}  precision  recall      F1  accuracy   pages/s  ms/page`);
    console.log(row("Dyad's cleaner", ours));
    console.log(row('Readability over jsdom', theirs));
    console.log(`Dyad's cleaner: ${failures(part, ours)}`);
    console.log(`Readability over jsdom: ${failures(part, theirs)}`);
    console.log(
      `ratio to Readability over jsdom: F1 ${(ours.metrics.f1 / theirs.metrics.f1).toFixed(3)}, ` +
        `speed ${(ours.pagesPerSecond / theirs.pagesPerSecond).toFixed(1)}×`,
    );
    console.log(`Dyad's methods: ${[...methods].map(([m, n]) => `${m} ${n}`).join(', ')}`);
    // Per-page lines only where rules may be changed from them: never for the untouched half.
    if (half === 'tuning' || half === undefined) perPage(part, ours, theirs, half === undefined ? 0.8 : 0.9);
  }
  if (SET === 'public')
    console.log(
      '(published: Readability.js F1 0.947, trafilatura 0.958; target ≥ 0.960, aim ≥ 0.970; speed ≥ 5×)',
    );

  if (SET !== 'public' && !process.argv.includes('--memory')) return;
  // Memory: a child process of its own, started clean.
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, ...process.argv.slice(2), '--memory-loop'],
    { stdio: 'inherit', env: { ...process.env, [LIMITS_ENV]: JSON.stringify(await heapLimits()) } },
  );
  if (child.status !== 0) throw new Error(`the memory loop failed (exit ${child.status})`);
}

/** The pages below `f1` (ours), worst first, with Readability's figures beside. */
function perPage(pages: readonly Page[], ours: Run, theirs: Run, below: number): void {
  const rows = pages
    .map((page, i) => {
      const o = ours.scores[i];
      const t = theirs.scores[i];
      if (!o || !t) return undefined;
      const [p, r] = [precisionOf(o), recallOf(o)];
      const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
      return { page, p, r, f1, tp: precisionOf(t), tr: recallOf(t) };
    })
    .filter((x): x is NonNullable<typeof x> => x !== undefined && x.f1 < below)
    .sort((a, b) => a.f1 - b.f1);
  if (rows.length === 0) return;
  console.log(`pages below F1 ${below} (ours P/R, Readability P/R):`);
  for (const x of rows)
    console.log(
      `  ${x.page.id.slice(0, 12)} ${(x.page.note ?? '').padEnd(22)} ${x.p.toFixed(2)}/${x.r.toFixed(2)}  ${x.tp.toFixed(2)}/${x.tr.toFixed(2)}`,
    );
}

/**
 * The cleaner service's heap limits (`CLEANER_HEAP_LIMITS`). Their module is the worker pool's,
 * which loads the bus's wiring (NATS, BullMQ): the bench reads them and hands them to the memory
 * loop's process (environment) and its worker (`workerData`), which load only what a cleaner
 * worker of the service loads — the cleaner and its profile.
 */
async function heapLimits(): Promise<MemoryWorkerData['limits']> {
  const { CLEANER_HEAP_LIMITS } = await import('../../../services/cleaner/src/worker-pool.ts');
  return CLEANER_HEAP_LIMITS;
}
const LIMITS_ENV = 'DYAD_BENCH_HEAP_LIMITS';

/** What the memory loop's worker is given: the heap limits it runs under, to print. */
interface MemoryWorkerData {
  readonly limits: { readonly maxOldGenerationSizeMb: number; readonly maxYoungGenerationSizeMb: number };
}

/**
 * The memory loop's process: one worker thread with the cleaner service's heap limits
 * (`CLEANER_HEAP_LIMITS`), as the service runs the cleaner.
 */
async function memoryLoop(): Promise<void> {
  const limits: MemoryWorkerData['limits'] = process.env[LIMITS_ENV]
    ? JSON.parse(process.env[LIMITS_ENV])
    : await heapLimits();
  const conditions = process.execArgv.filter((arg) => arg.startsWith('--conditions'));
  const worker = new Worker(import.meta.filename, {
    argv: [...process.argv.slice(2).filter((arg) => arg !== '--memory-loop'), '--memory-worker'],
    execArgv: conditions,
    resourceLimits: limits,
    workerData: { limits } satisfies MemoryWorkerData,
  });
  const code = await new Promise<number>((done, fail) => {
    worker.on('error', fail);
    worker.on('exit', done);
  });
  if (code !== 0) throw new Error(`the memory worker failed (exit ${code})`);
}

/**
 * LOOP_PAGES pages through Dyad's cleaner on this worker thread, cycling the corpus: RSS at the
 * start, every 1,000 pages, at the end and at its peak (sampled after every page), and CPU time
 * per page. The pages are kept gzip-compressed and decoded one at a time, as a cleaner worker
 * receives them: the corpus decoded (60 MB and more of strings) is the harness's, not the
 * worker's.
 */
async function memoryWorker(): Promise<void> {
  const { limits } = workerData as MemoryWorkerData;
  await loadCleaner();
  const pages = pageFiles().map(({ file, ...page }) => ({ ...page, gz: readFileSync(file) }));
  const run = (i: number): void => {
    const page = pages[i % pages.length];
    if (page) dyad({ ...page, html: gunzipSync(page.gz).toString('utf8') });
  };
  for (let i = 0; i < pages.length; i++) run(i);
  await settle();
  const start = process.memoryUsage();
  console.log();
  console.log(
    `memory: ${LOOP_PAGES} pages through Dyad's cleaner (the ${pages.length} cycled) on a worker thread with the ` +
      `service's heap limits (young generation ${limits.maxYoungGenerationSizeMb} MB, old ` +
      `${limits.maxOldGenerationSizeMb} MB), in a fresh process; pages kept gzip-compressed`,
  );
  console.log(`  start  RSS ${mb(start.rss)}, heap used ${mb(start.heapUsed)}`);
  let peak = start.rss;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < LOOP_PAGES; i++) {
    run(i);
    peak = Math.max(peak, process.memoryUsage.rss());
    // The event loop gets a turn now and then, as it does between messages in the service.
    if (i % 25 === 24) await yieldToLoop();
    if ((i + 1) % 1_000 === 0 && i + 1 < LOOP_PAGES)
      console.log(`  ${String(i + 1).padStart(5)}  RSS ${mb(process.memoryUsage.rss())}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await settle();
  const end = process.memoryUsage();
  console.log(`  end    RSS ${mb(end.rss)}, heap used ${mb(end.heapUsed)}`);
  console.log(
    `  peak RSS ${mb(peak)}; ${(LOOP_PAGES / seconds).toFixed(1)} pages/s over the loop, ` +
      `${((used.user + used.system) / 1000 / LOOP_PAGES).toFixed(1)} ms of CPU a page`,
  );
}

if (process.argv.includes('--memory-worker')) await memoryWorker();
else if (process.argv.includes('--memory-loop')) await memoryLoop();
else await main();
