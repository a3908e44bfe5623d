import { describe, expect, it } from 'vitest';
import { formatIssues } from './issues.ts';
import {
  articleLimits,
  fitArticleCleaned,
  fitArticleExtracted,
  messageBytes,
  unreadableShare,
  withoutNuls,
} from './limits.ts';
import type { ArticleCleaned } from './schemas/article-cleaned.ts';
import { ArticleCleaned as ArticleCleanedSchema } from './schemas/article-cleaned.ts';
import {
  type ArticleExtracted,
  ArticleExtracted as ArticleExtractedSchema,
} from './schemas/article-extracted.ts';
import { PartialDate } from './schemas/common.ts';
import type { EventReport } from './schemas/event.ts';

const cleaned = (text: string, title = 'Title'): ArticleCleaned => ({
  schema: 1,
  articleId: 'a'.repeat(64),
  url: 'https://example.org/a',
  sourceId: 'test',
  origin: 'crawl',
  fetchedAt: '2026-11-22T10:00:00.000Z',
  title,
  text,
  lang: 'en',
  publishedAt: { value: '2025-03-01', source: 'meta' },
  relevance: { score: 1, relevant: true, reasons: [], assessed: true },
  cleaner: { version: 'test', method: 'test' },
});

const report = (evidence: EventReport['evidence'] = [{ field: 'type', text: 'visit', start: 0, end: 5 }]) =>
  ({
    type: 'official_visit',
    cameo: '042',
    date: { value: '2025-02-28', precision: 'day' },
    participants: [],
    topics: [],
    agreements: [],
    main: true,
    evidence,
  }) satisfies EventReport;

const extracted = (text: string, fields: Partial<ArticleExtracted> = {}): ArticleExtracted => ({
  ...cleaned(text),
  mentions: { actors: [], places: [], dates: [] },
  events: [],
  extractorVersion: 'test',
  ...fields,
});

const issues = (result: { success: boolean; error?: Parameters<typeof formatIssues>[0] }) =>
  result.error ? formatIssues(result.error) : [];

describe('article limits at the boundary', () => {
  it('an impossible day is not a date', () => {
    for (const ok of ['2019', '2019-02', '2019-02-28', '2020-02-29', '2025-12-31'])
      expect(PartialDate.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['2019-02-29', '2019-02-31', '2025-04-31', '2025-13', '2025-00-10'])
      expect(PartialDate.safeParse(bad).success, bad).toBe(false);
    const article = extracted('a visit', {
      events: [{ ...report(), date: { value: '2019-02-31', precision: 'day' } }],
    });
    expect(issues(ArticleExtractedSchema.safeParse(article)).join()).toMatch(
      /events\.0\.date\.value: no such day/,
    );
  });

  it('evidence offsets must lie within the text, start before end', () => {
    const inside = extracted('a visit to Rabat', {
      events: [report([{ field: 'type', text: 'visit', start: 2, end: 7 }])],
    });
    expect(ArticleExtractedSchema.safeParse(inside).success).toBe(true);
    // The headline's evidence: 0–0.
    const headline = extracted('x', {
      events: [report([{ field: 'type@headline', text: 'Visit', start: 0, end: 0 }])],
    });
    expect(ArticleExtractedSchema.safeParse(headline).success).toBe(true);
    const after = extracted('a visit', {
      events: [report([{ field: 'type', text: 'visit', start: 2, end: 900 }])],
    });
    expect(issues(ArticleExtractedSchema.safeParse(after)).join()).toMatch(
      /events\.0\.evidence\.0\.end: evidence ends at 900, after the text \(7 characters\)/,
    );
    const reversed = extracted('a visit', {
      events: [report([{ field: 'type', text: 'visit', start: 5, end: 2 }])],
    });
    expect(issues(ArticleExtractedSchema.safeParse(reversed)).join()).toMatch(/start after end/);
    const mention = extracted('a visit', {
      mentions: {
        actors: [],
        places: [{ name: 'Rabat', evidence: { field: 'place', text: 'Rabat', start: 10, end: 15 } }],
        dates: [],
      },
    });
    expect(issues(ArticleExtractedSchema.safeParse(mention)).join()).toMatch(
      /mentions\.places\.0\.evidence\.end/,
    );
  });

  it(`at most ${articleLimits.eventReports} event reports in one article`, () => {
    const events = Array.from({ length: articleLimits.eventReports + 1 }, () => report());
    expect(issues(ArticleExtractedSchema.safeParse(extracted('a visit', { events }))).join()).toMatch(
      /more than 100 event reports/,
    );
    expect(ArticleExtractedSchema.safeParse(extracted('a visit', { events: events.slice(1) })).success).toBe(
      true,
    );
  });

  it('text with NUL characters is not storable; withoutNuls removes them', () => {
    expect(issues(ArticleCleanedSchema.safeParse(cleaned('a\u0000b'))).join()).toMatch(/text: contains NUL/);
    expect(withoutNuls('a\u0000b\u0000')).toBe('ab');
  });

  it('tells text from binary by its undecodable bytes and control characters', () => {
    expect(unreadableShare('Le Maroc et le Kazakhstan\n\tсотрудничество المغرب')).toBe(0);
    expect(unreadableShare('ab\ufffd\u0001')).toBe(0.5);
    expect(unreadableShare('')).toBe(0);
  });
});

describe('fitting an article to the limits', () => {
  it('cuts a long text at a paragraph boundary with a note, and clips the title; leaves a short one alone', () => {
    const paragraph = `${'word '.repeat(199)}end.`;
    const long = Array.from({ length: 200 }, () => paragraph).join('\n\n');
    const fitted = fitArticleCleaned(cleaned(long, `T${'itle '.repeat(400)}\u0000`));
    expect(fitted.text.length).toBeLessThanOrEqual(articleLimits.textChars);
    expect(fitted.text.endsWith('end.')).toBe(true);
    expect(fitted.truncated).toEqual({ textChars: long.length });
    expect(fitted.title.length).toBeLessThanOrEqual(articleLimits.titleChars);
    expect(fitted.title).not.toContain('\u0000');
    expect(ArticleCleanedSchema.safeParse(fitted).success).toBe(true);
    const short = cleaned('a short text');
    expect(fitArticleCleaned(short)).toEqual(short);
  });

  it('keeps article.extracted under the bus’s size: mentions give way (counted), events stay', () => {
    const sentence = 'S'.repeat(5_000);
    const text = `${sentence} `.repeat(19);
    const evidence = { field: 'date', text: sentence, start: 0, end: 5_000 };
    const article = extracted(text, {
      mentions: {
        actors: [],
        places: [],
        dates: Array.from({ length: 800 }, () => ({
          value: '2025-02-28',
          precision: 'day' as const,
          evidence,
        })),
      },
      events: Array.from({ length: 30 }, () => report([evidence])),
    });
    const maxBytes = 300_000;
    expect(messageBytes(article)).toBeGreaterThan(maxBytes);
    const fitted = fitArticleExtracted(article, maxBytes);
    expect(messageBytes(fitted)).toBeLessThanOrEqual(maxBytes);
    expect(fitted.events).toHaveLength(30);
    expect(fitted.text).toBe(text);
    expect(fitted.truncated?.mentions).toBe(800 - fitted.mentions.dates.length);
    expect(ArticleExtractedSchema.safeParse(fitted).success).toBe(true);
    // One that fits as it is stays as it is.
    const small = extracted('a visit', { events: [report()] });
    expect(fitArticleExtracted(small, maxBytes)).toEqual(small);
  });
});
