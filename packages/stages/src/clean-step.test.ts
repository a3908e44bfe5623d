import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanArticle } from '@dyad/clean';
import { ArticleCleaned, type ArticleFetched, articleIdFor, seedUrl } from '@dyad/contracts';
import { loadProfile } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { CLEANER_VERSION, cleanInputOf, cleanStep, toArticleCleaned } from './clean-step.ts';

const seeds = join(import.meta.dirname, '../../../seeds');
const profile = loadProfile();

function fetched(file: string, overrides: Partial<ArticleFetched> = {}): ArticleFetched {
  const url = seedUrl(file);
  return {
    schema: 1,
    articleId: articleIdFor(url),
    url,
    sourceId: 'replay',
    origin: 'replay',
    fetchedAt: '2026-11-22T10:00:00.000Z',
    body: { contentType: 'text/plain', charset: 'utf-8', inline: readFileSync(join(seeds, file), 'utf8') },
    ...overrides,
  };
}

describe('toArticleCleaned', () => {
  it('turns every seed into a valid, assessed article.cleaned with the cleaner version and method', () => {
    for (const file of readdirSync(seeds).filter((f) => f.endsWith('.txt'))) {
      const message = fetched(file);
      const body = 'inline' in message.body ? message.body.inline : '';
      const cleaned = ArticleCleaned.parse(
        toArticleCleaned(message, cleanArticle(cleanInputOf(message, body), { profile })),
      );
      expect(cleaned.articleId).toBe(message.articleId);
      expect(cleaned.relevance.assessed).toBe(true);
      expect(cleaned.cleaner).toEqual({ version: CLEANER_VERSION, method: 'plain-text' });
      expect(cleaned.publishedAt.source).toBe('inferred');
    }
  });

  it('is the three parts in one call (cleanStep)', () => {
    const message = fetched('003_b70dbf102b9450a0.txt');
    const body = 'inline' in message.body ? message.body.inline : '';
    expect(cleanStep(message, body, { profile })).toEqual(
      toArticleCleaned(message, cleanArticle(cleanInputOf(message, body), { profile })),
    );
  });

  it('passes the feed and the final URL to the core', () => {
    const message = fetched('004_69f7196542c3eaa4.txt', {
      http: { status: 200, finalUrl: 'https://site.example/2025/03/01/a' },
      feed: { title: 'Titre du flux', publishedAt: '2025-03-01T08:00:00Z' },
    });
    expect(cleanInputOf(message, 'x')).toMatchObject({
      url: 'https://site.example/2025/03/01/a',
      feed: { title: 'Titre du flux', publishedAt: '2025-03-01T08:00:00Z' },
    });
  });
});
