import { performance as clock } from 'node:perf_hooks';
import { indexArticle, startApi } from '@dyad/indexer';
import { openStore } from '@dyad/store';
import { generateCorpus } from '../../../services/indexer/bench/generate.ts';
import { launchChromium } from '../src/browser.ts';

/**
 * `pnpm bench:web [events]`: the web timeline over an indexer store (PGlite, as `pnpm stack`
 * runs it) holding about `events` events (default 1,000), opened in Debian's chromium. Prints, for
 * the timeline, a filtered timeline, a search and an event page, the median over RUNS loads of the
 * server's answer (time to the last byte) and of first contentful paint, both from navigation start.
 */
const wanted = Number(process.argv[2] ?? 1_000);
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const store = await openStore({ dataDir: 'memory://' });
await store.migrate();
// About a fifth of the generated articles report an event another already did.
const corpus = generateCorpus(Math.ceil(wanted * 1.25));
const started = clock.now();
let ids = 0;
for (const article of corpus.articles) {
  if ((await store.countEvents()) >= wanted) break;
  await store.transaction((tx) =>
    indexArticle(tx, article, { now: new Date().toISOString(), newEventId: () => `ev_${++ids}` }),
  );
}
const events = await store.countEvents();
console.log(`indexed ${events} events in ${((clock.now() - started) / 1000).toFixed(1)} s`);

const api = await startApi({ store, version: 'bench', host: '127.0.0.1', port: 0 });
const browser = await launchChromium();
try {
  const first = (await store.listEvents({ limit: 1 })).events[0];
  const pages: [string, string][] = [
    ['timeline', '/'],
    ['timeline, one type', '/?type=official_visit'],
    ['search', `/?q=${encodeURIComponent('coopération')}`],
    ['event page', `/event/${encodeURIComponent(first?.eventId ?? '')}`],
  ];
  console.log(
    `page                 server (ms)  first contentful paint (ms)   first load: server, paint (ms)   (median of ${RUNS}, chromium)`,
  );
  for (const [name, path] of pages) {
    const server: number[] = [];
    const paint: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A new context each time: nothing cached from the run before.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${api.url}${path}`, { waitUntil: 'load' });
      const timing = await page.evaluate(
        () =>
          new Promise<{ responseEnd: number; fcp: number }>((resolve) => {
            const nav = performance.getEntriesByType('navigation')[0] as
              | PerformanceNavigationTiming
              | undefined;
            const done = (fcp: number) => resolve({ responseEnd: nav?.responseEnd ?? Number.NaN, fcp });
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) done(entry.startTime);
            }).observe({ type: 'paint', buffered: true });
            setTimeout(() => done(Number.NaN), 5_000);
          }),
      );
      server.push(timing.responseEnd);
      paint.push(timing.fcp);
      await context.close();
    }
    console.log(
      `${name.padEnd(20)} ${median(server).toFixed(0).padStart(11)}  ${median(paint).toFixed(0).padStart(27)}   ${(server[0] ?? Number.NaN).toFixed(0).padStart(17)}, ${(paint[0] ?? Number.NaN).toFixed(0)}`,
    );
  }
} finally {
  await browser.close();
  await api.close();
  await store.close();
}
