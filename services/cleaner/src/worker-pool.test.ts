import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PageRejectedError, PageTimeoutError, PageTooLargeError } from './page-errors.ts';
import { CleanPool } from './worker-pool.ts';

const seed = readFileSync(join(import.meta.dirname, '../../../seeds/003_b70dbf102b9450a0.txt'), 'utf8');
const arPage = readFileSync(
  join(import.meta.dirname, '../../../packages/clean/fixtures/ar-news-page.html'),
  'utf8',
);
const fetchedAt = '2026-11-22T10:00:00.000Z';

/** A page that takes a worker far longer than a few milliseconds: 4,000 nested sections of text. */
function heavyPage(): string {
  const section =
    '<div class="s"><p>Le Maroc et le Kazakhstan renforcent leur coopération, selon le communiqué.</p>';
  return `<html><body>${section.repeat(4_000)}${'</div>'.repeat(4_000)}</body></html>`;
}

describe('CleanPool', () => {
  const pool = new CleanPool({ size: 2, timeoutMs: 20_000, maxBytes: 2_000_000, profile: 'ma-kz' });
  // The heavy page takes a worker seconds; plain text a millisecond. A limit between the two, with
  // room for a cold worker on a loaded machine.
  const strict = new CleanPool({ size: 1, timeoutMs: 1_000, maxBytes: 10_000_000, profile: 'ma-kz' });
  afterAll(async () => {
    await pool.close();
    await strict.close();
  });

  it('cleans HTML and plain text on worker threads', async () => {
    const [html, text] = await Promise.all([
      pool.clean({ body: arPage, contentType: 'text/html', fetchedAt }),
      pool.clean({ body: seed, contentType: 'text/plain', fetchedAt }),
    ]);
    expect(html.method).toBe('readability+linkedom');
    expect(html.lang).toBe('ar');
    expect(html.relevance.relevant).toBe(true);
    expect(text.method).toBe('plain-text');
    expect(text.publishedAt).toEqual({ value: '2025-02-28', source: 'inferred' });
  });

  it('refuses a body over the size cap before any worker sees it, saying why', async () => {
    const body = 'x'.repeat(2_000_001);
    await expect(pool.clean({ body, contentType: 'text/plain', fetchedAt })).rejects.toThrow(
      PageTooLargeError,
    );
    await expect(pool.clean({ body, contentType: 'text/plain', fetchedAt })).rejects.toThrow(
      /page too large: 2000001 bytes, over the cleaner's cap of 2000000 \(CLEANER_MAX_BYTES\)/,
    );
  });

  it('gives up on a page past the time limit, replaces its worker, and goes on with the next page', async () => {
    const started = Date.now();
    await expect(strict.clean({ body: heavyPage(), contentType: 'text/html', fetchedAt })).rejects.toThrow(
      PageTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    // The replacement worker takes the next page.
    let next: Awaited<ReturnType<CleanPool['clean']>> | undefined;
    for (let attempt = 0; attempt < 20 && !next; attempt++) {
      next = await strict
        .clean({ body: 'Une ligne.', contentType: 'text/plain', fetchedAt })
        .catch(() => undefined);
    }
    expect(next?.method).toBe('plain-text');
  });

  it('rejects for good what the core refuses (an unsupported content type)', async () => {
    await expect(pool.clean({ body: '%PDF-1.4', contentType: 'application/pdf', fetchedAt })).rejects.toThrow(
      PageRejectedError,
    );
    await expect(pool.clean({ body: '%PDF-1.4', contentType: 'application/pdf', fetchedAt })).rejects.toThrow(
      /unsupported content type application\/pdf/,
    );
  });
});
