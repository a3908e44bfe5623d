import { ArticleExtracted } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extractNothing } from './passthrough.ts';

describe('extractNothing', () => {
  it('passes the cleaned article on, valid, with no mentions and no events', () => {
    const cleaned = {
      schema: 1 as const,
      articleId: 'a'.repeat(64),
      url: 'seed:000.txt',
      sourceId: 'replay',
      origin: 'replay' as const,
      fetchedAt: '2026-11-22T10:00:00.000Z',
      title: 'Titre',
      text: 'Texte',
      lang: 'fr',
      publishedAt: { value: null, source: 'none' as const },
      relevance: { score: 0, relevant: true, reasons: [], assessed: false },
      cleaner: { version: '0.1.0', method: 'plain-text' },
    };
    const extracted = ArticleExtracted.parse(extractNothing(cleaned));
    expect(extracted.title).toBe('Titre');
    expect(extracted.events).toEqual([]);
    expect(extracted.mentions).toEqual({ actors: [], places: [], dates: [] });
    expect(extracted.extractorVersion).toBe(EXTRACTOR_VERSION);
  });
});
