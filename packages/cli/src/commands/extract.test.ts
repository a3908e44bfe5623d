import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventDateOrUndated, EventMessage, type EventReport } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.ts';
import { testIo } from '../test-helpers.ts';
import { extractCommand } from './extract.ts';

/** A folder of text files, and a manifest beside them. */
function folder(files: Record<string, string>, manifest?: readonly object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-extract-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  if (manifest) writeFileSync(join(dir, 'm.jsonl'), manifest.map((m) => JSON.stringify(m)).join('\n'));
  return dir;
}

interface Output {
  articles: {
    file: string;
    url: string;
    lang: string;
    relevant: boolean;
    publishedAt: string | null;
    events: EventReport[];
  }[];
  events: EventMessage[];
}

async function run(args: string[]): Promise<{ code: number; out: Output; stderr: string }> {
  const io = testIo();
  const code = await extractCommand(['--json', ...args], io);
  return { code, out: JSON.parse(io.stdout.text()) as Output, stderr: io.stderr.text() };
}

const TALKS =
  'Kazakh Foreign Minister Murat Nurtleu held talks today, Friday, in Rabat with Moroccan Foreign Minister Nasser Bourita.';
const RANKING =
  'Morocco ranks 12th and Kazakhstan 40th among the tourist destinations of the 2025 ranking published on Monday.';

describe('dyad extract', () => {
  it('prints the seeds’ events as the pipeline stores them: valid reports and new-event messages', async () => {
    const { code, out } = await run(['seeds/']);
    expect(code).toBe(0);
    expect(out.articles).toHaveLength(5);
    // An article's events are DESIGN's shape (location null when none): their dates are the contract's.
    for (const a of out.articles) for (const e of a.events) EventDateOrUndated.parse(e.date);
    for (const e of out.events) EventMessage.parse(e);
    const visit = out.events.find((e) => e.type === 'official_visit' && e.date?.value === '2025-02-28');
    expect(visit?.sources.length).toBeGreaterThanOrEqual(3);
    // The indexer's ids (eventIdFor the report that first told the event): the same on every run.
    for (const e of out.events) expect(e.eventId).toMatch(/^ev_[0-9a-f]{32}$/);
    expect((await run(['seeds/'])).out.events.map((e) => e.eventId)).toEqual(
      out.events.map((e) => e.eventId),
    );
  });

  it('keeps an event nothing dates, undated, and dates it from the manifest’s publication date', async () => {
    const dir = folder({ 'a.txt': TALKS, 'b.txt': TALKS }, [
      { file: 'a.txt', url: 'https://example.org/a' },
      { file: 'b.txt', url: 'https://example.org/b', publishedAt: '2025-02-28', lang: 'en' },
    ]);
    const { out } = await run(['--manifest', join(dir, 'm.jsonl'), dir]);
    const [a, b] = out.articles;
    expect(a?.url).toBe('https://example.org/a');
    expect(a?.events.find((e) => e.main)?.date).toBeNull();
    expect(b?.publishedAt).toBe('2025-02-28');
    expect(b?.events.find((e) => e.main)?.date).toEqual({
      value: '2025-02-28',
      precision: 'day',
      source: 'text',
    });
    // The undated report and the dated one are the same meeting.
    expect(out.events.filter((e) => e.type === 'bilateral_meeting')).toHaveLength(1);
  });

  it('finds an article that names both countries but tells nothing between them not relevant', async () => {
    const dir = folder({ 'ranking.txt': RANKING });
    const { out } = await run([dir]);
    expect(out.articles[0]).toMatchObject({ relevant: false, events: [] });
  });

  it('refuses a manifest line it cannot read, naming the line and the field', async () => {
    const dir = folder({ 'a.txt': TALKS }, [{ file: 'a.txt', publishedAt: 'Friday' }]);
    await expect(extractCommand(['--manifest', join(dir, 'm.jsonl'), dir], testIo())).rejects.toThrow(
      UsageError,
    );
    await expect(extractCommand(['--manifest', join(dir, 'm.jsonl'), dir], testIo())).rejects.toThrow(
      /m\.jsonl:1: publishedAt: expected YYYY-MM-DD/,
    );
  });

  it('reads for the profile --profile names, and refuses one that does not exist', async () => {
    const dir = folder({ 'a.txt': TALKS });
    const { out } = await run(['--profile', 'ma-kz', dir]);
    expect(out.articles[0]?.events.length).toBeGreaterThan(0);
    await expect(extractCommand(['--profile', 'Morocco', dir], testIo())).rejects.toThrow(
      /--profile \(or DYAD_PROFILE\) takes a profile id like ma-kz/,
    );
    await expect(extractCommand(['--profile', 'zz-zz', dir], testIo())).rejects.toThrow(/profile zz-zz: /);
  });

  it('prints "undated" for a person to read', async () => {
    const dir = folder({ 'a.txt': TALKS });
    const io = testIo();
    expect(await extractCommand([dir], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/\* undated\s+bilateral_meeting/);
  });
});
