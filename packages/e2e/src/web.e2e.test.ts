import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type EventMessage, eventTypeFacts } from '@dyad/contracts';
import { describe, eventually, expect, it, type TestProcess } from '@dyad/testkit';
import { freePort } from '@dyad/testkit/processes';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchChromium } from './browser.ts';
import { pendingOutbox, pipelineEnv, pipelineIdle, repoRoot, runCli, startService } from './pipeline.ts';

const screenshots = join(repoRoot, 'docs', 'img');
const liveFixtures = join(repoRoot, 'packages', 'e2e', 'fixtures', 'web');
const approvalFixtures = join(repoRoot, 'packages', 'e2e', 'fixtures', 'agreements');

interface Listed {
  readonly events: readonly EventMessage[];
  readonly total: number;
}

/** Console errors and uncaught exceptions of every page opened in the browser. */
function watchErrors(page: Page, errors: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
}

async function serious(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 3).join(', ')}`);
}

describe('the web timeline in a real browser (Debian chromium)', () => {
  it('shows the replayed seeds, filters and searches them, shows the 28 February visit with its evidence, and a replayed event live', async ({
    nats,
    redis,
    postgres,
  }) => {
    const env = pipelineEnv(nats, redis, postgres);
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}/`;
    const procs: TestProcess[] = [
      startService('cleaner', env),
      startService('extractor', env),
      startService('indexer', env, { API_PORT: String(port), API_PUBLIC_URL: publicUrl }),
    ];
    let browser: Browser | undefined;
    const errors: string[] = [];
    const api = async (path: string): Promise<Listed> => (await fetch(new URL(path, publicUrl))).json();
    const settled = () =>
      eventually(
        async () => ((await pipelineIdle(env)) && (await pendingOutbox(env)) === 0 ? true : undefined),
        90_000,
        'pipeline idle and outbox published',
      );
    try {
      await Promise.all(procs.map((p) => p.waitForLine(/"msg":"started"/, 60_000)));
      expect((await runCli(['replay', 'seeds'], env)).code).toBe(0);
      await eventually(async () => ((await api('events?limit=1')).total > 0 ? true : undefined), 90_000);
      await settled();
      const all = await api('events?limit=100');
      const visit = all.events.find((e) => e.type === 'official_visit' && e.date?.value === '2025-02-28');
      if (!visit) throw new Error('the seeds gave no 28 February 2025 visit');

      browser = await launchChromium();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      watchErrors(page, errors);

      // The timeline: every event of the seeds, newest first, grouped by month.
      await page.goto(publicUrl);
      const items = page.locator('#timeline li.event');
      expect(await items.count()).toBe(all.total);
      expect(await page.locator(`#ev-${visit.eventId} .summary`).textContent()).toBe(visit.summary);
      expect(await page.locator('#timeline .month h2').first().textContent()).toMatch(/2026/);
      expect(await page.locator('.chart svg a').count()).toBeGreaterThan(0);
      expect(await serious(page), 'axe on the timeline').toEqual([]);
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, 'timeline.png'), fullPage: false });

      // A filter narrows it: official visits only.
      await page.selectOption('#f-type', 'official_visit');
      await Promise.all([page.waitForURL(/type=official_visit/), page.click('.filters button[type=submit]')]);
      const visits = all.events.filter((e) => e.type === 'official_visit');
      expect(visits.length).toBeLessThan(all.total);
      expect(await items.count()).toBe(visits.length);
      for (const label of await page.locator('#timeline li.event .type > span:not(.cameo)').allTextContents())
        expect(label).toBe(eventTypeFacts.official_visit.label.en);

      // A search narrows it, in another language than the page's: the French seed names Azoulay.
      await page.goto(publicUrl);
      await page.fill('#f-q', 'Azoulay');
      await Promise.all([page.waitForURL(/q=Azoulay/), page.press('#f-q', 'Enter')]);
      const found = await api('events?q=Azoulay&limit=100');
      expect(found.total).toBeGreaterThan(0);
      expect(found.total).toBeLessThan(all.total);
      expect(
        (await items.evaluateAll((li) => li.map((e) => e.getAttribute('data-event-id')))).sort(),
      ).toEqual(found.events.map((e) => e.eventId).sort());

      // A bar of the chart filters the timeline to its month and type.
      await page.goto(publicUrl);
      await Promise.all([
        page.waitForURL(/from=2025-02&to=2025-02/),
        page.locator(`.chart svg a[href*="from=2025-02"][href*="type=official_visit"]`).click(),
      ]);
      expect(await page.locator(`#ev-${visit.eventId}`).count()).toBe(1);

      // The 28 February visit: every source, its evidence highlighted in the article's text.
      await page.goto(publicUrl);
      await Promise.all([
        page.waitForURL(/\/event\//),
        page.locator(`#ev-${visit.eventId} .summary a`).click(),
      ]);
      const sections = page.locator('section.source');
      expect(await sections.count()).toBe(visit.sources.length);
      expect(visit.sources.length).toBeGreaterThanOrEqual(3);
      for (const [i, source] of visit.sources.entries()) {
        const section = sections.nth(i);
        expect(await section.locator('h3 span[lang]').textContent()).toBe(source.title);
        const marks = await section.locator('.article-text mark.evidence').allTextContents();
        expect(marks.length, `source ${i + 1} has highlighted evidence`).toBeGreaterThan(0);
        // What is highlighted is the evidence the extractor gave, sentence for sentence.
        for (const evidence of source.evidence) expect(marks.join('')).toContain(evidence.text);
      }
      // Arabic titles and text run right to left inside the English page.
      const arabic = page.locator('section.source h3 span[lang="ar"]').first();
      expect(await arabic.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe('ltr');
      expect(await serious(page), 'axe on the event page').toEqual([]);
      await page.setViewportSize({ width: 1280, height: 1600 });
      await page.screenshot({ path: join(screenshots, 'event.png'), fullPage: false });
      await page.setViewportSize({ width: 1280, height: 900 });

      // The Arabic interface: the whole page right to left.
      await page.goto(`${publicUrl}?hl=ar`);
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe('rtl');
      expect(await serious(page), 'axe on the Arabic timeline').toEqual([]);

      // A phone's width: nothing wider than the screen.
      const phone = await context.newPage();
      watchErrors(phone, errors);
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(publicUrl);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: join(screenshots, 'timeline-phone.png'), fullPage: false });
      await phone.close();

      // Live: a file replayed while the page is open appears without a reload, marked new; its
      // title's <script> is text.
      await page.goto(publicUrl);
      await eventually(
        async () => ((await page.locator('#live-status.on').count()) > 0 ? true : undefined),
        20_000,
        'the page connected to /events/stream',
      );
      await page.evaluate(() => {
        (window as unknown as { dyadSamePage: boolean }).dyadSamePage = true;
      });
      expect((await runCli(['replay', liveFixtures], env)).code).toBe(0);
      const fresh = page.locator('#just-in-list li.event.cue-new');
      await fresh.first().waitFor({ timeout: 60_000 });
      expect(await page.evaluate(() => (window as unknown as { dyadSamePage?: boolean }).dyadSamePage)).toBe(
        true,
      );
      expect(await fresh.locator('.cue').textContent()).toBe('New');
      const title = fresh.locator('.first-title');
      expect(await title.textContent()).toContain('<script>window.__pwned = 1</script>');
      expect(await title.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
      expect(await page.locator('#just-in script').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      // …and on its own page.
      await Promise.all([page.waitForURL(/\/event\//), fresh.locator('.summary a').click()]);
      expect(await page.locator('section.source h3 span[lang]').first().textContent()).toContain('<script>');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

      // An agreement approved at home (the Moroccan House of Representatives, in Arabic): no event,
      // the approved stage of the agreements page, with its sentence right to left.
      expect((await runCli(['replay', approvalFixtures], env)).code).toBe(0);
      await eventually(
        async () => {
          const body = (await (await fetch(new URL('agreements.json', publicUrl))).json()) as {
            agreements: { reached: string[] }[];
          };
          return body.agreements.some((a) => a.reached.includes('approved')) ? true : undefined;
        },
        60_000,
        'an approved agreement',
      );
      await page.goto(`${publicUrl}agreements`);
      const approvedStep = page.locator('.steps li.act').first();
      expect(await approvedStep.locator('.status').textContent()).toBe('approved');
      expect(await approvedStep.textContent()).toContain('by Morocco');
      const quote = approvedStep.locator('blockquote[lang="ar"]');
      expect(await quote.textContent()).toContain('صادق مجلس النواب المغربي');
      expect(await quote.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
      expect(await serious(page), 'axe on the agreements page').toEqual([]);

      expect(errors, 'no console errors').toEqual([]);
    } catch (error) {
      for (const p of procs) console.log(p.output().split('\n').slice(-40).join('\n'));
      throw error;
    } finally {
      await browser?.close();
      await Promise.all(procs.map((p) => p.stop()));
    }
  }, 300_000);
});
