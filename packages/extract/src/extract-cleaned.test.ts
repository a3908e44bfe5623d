import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleExtracted } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extractCleaned } from './extract.ts';
import { loadKnowledgeIndex } from './knowledge-index.ts';

const kb = loadKnowledgeIndex();

const text = readFileSync(join(import.meta.dirname, '../../../seeds/003_b70dbf102b9450a0.txt'), 'utf8');
const cleaned = (relevance: { relevant: boolean; assessed: boolean }) => ({
  schema: 1 as const,
  articleId: 'a'.repeat(64),
  url: 'seed:003_b70dbf102b9450a0.txt',
  sourceId: 'replay',
  origin: 'replay' as const,
  fetchedAt: '2026-11-22T10:00:00.000Z',
  title: 'المغرب وكازاخستان',
  text,
  lang: 'ar',
  publishedAt: { value: null, source: 'none' as const },
  relevance: { score: relevance.relevant ? 0.9 : 0.1, reasons: [], ...relevance },
  cleaner: { version: '0.1.0', method: 'plain-text' },
});

describe('extractCleaned', () => {
  it('publishes a valid article.extracted with the events found and the extractor version', () => {
    const { extracted, skipped } = extractCleaned(cleaned({ relevant: true, assessed: true }), kb);
    expect(skipped).toBeUndefined();
    const parsed = ArticleExtracted.parse(extracted);
    expect(parsed.extractorVersion).toBe(EXTRACTOR_VERSION);
    expect(parsed.events.find((e) => e.main)?.type).toBe('official_visit');
    expect(parsed.mentions.actors.map((a) => a.actorId)).toContain('kz.nurtleu');
  });

  it('skips an article assessed as irrelevant, passing it on with nothing found', () => {
    const { extracted, skipped } = extractCleaned(cleaned({ relevant: false, assessed: true }), kb);
    expect(skipped).toBe('irrelevant');
    expect(ArticleExtracted.parse(extracted).events).toEqual([]);
  });
});

describe('extractCleaned: relevance', () => {
  it('keeps an article relevant when it tells an event between the two countries', () => {
    const { extracted } = extractCleaned(cleaned({ relevant: true, assessed: true }), kb);
    expect(extracted.relevance.relevant).toBe(true);
  });

  it('finds an article that names both countries but tells nothing between them not relevant, and says why', () => {
    const ranking = {
      ...cleaned({ relevant: true, assessed: true }),
      title: 'Tourism ranking 2025',
      text: 'Morocco ranks 12th and Kazakhstan 40th in the 2025 ranking of tourist destinations published on Monday.',
      lang: 'en',
    };
    const { extracted } = extractCleaned(ranking, kb);
    expect(extracted.events).toEqual([]);
    expect(extracted.relevance.relevant).toBe(false);
    expect(extracted.relevance.reasons.at(-1)).toMatch(/no event between the two countries/);
  });
});
