import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArticleCleaned, type ArticleFetched, articleIdFor, seedUrl } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { cleanPlainText, UnsupportedContentError } from './plain-text.ts';

const seeds = join(import.meta.dirname, '../../../seeds');

function fetched(
  file: string,
  overrides: Partial<ArticleFetched> = {},
): { msg: ArticleFetched; text: string } {
  const text = readFileSync(join(seeds, file), 'utf8');
  const url = seedUrl(file);
  return {
    text,
    msg: {
      schema: 1,
      articleId: articleIdFor(url),
      url,
      sourceId: 'replay',
      origin: 'replay',
      fetchedAt: '2026-11-22T10:00:00.000Z',
      body: { contentType: 'text/plain', charset: 'utf-8', inline: text },
      ...overrides,
    },
  };
}

describe('cleanPlainText', () => {
  it('turns each seed into a valid article.cleaned with its language and every line of text', () => {
    const expected: Record<string, string> = {
      '000_ca98ac49193d9c54.txt': 'ar',
      '001_60c031fbfd51394f.txt': 'ar',
      '002_342630fe691c6dc6.txt': 'ar',
      '003_b70dbf102b9450a0.txt': 'ar',
      '004_69f7196542c3eaa4.txt': 'fr',
    };
    for (const [file, lang] of Object.entries(expected)) {
      const { msg, text } = fetched(file);
      const cleaned = ArticleCleaned.parse(cleanPlainText(msg, text));
      expect(cleaned.lang, file).toBe(lang);
      expect(cleaned.articleId).toBe(msg.articleId);
      // Nothing is dropped yet: every non-empty line is the title or a paragraph.
      const lines = text
        .split('\n')
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter(Boolean);
      expect([cleaned.title, ...cleaned.text.split('\n\n')].sort()).toEqual(lines.sort());
    }
  });

  it('takes the first line of a few words as the title, passing over menu words', () => {
    const { msg, text } = fetched('001_60c031fbfd51394f.txt');
    expect(cleanPlainText(msg, text).title).toBe(
      'التعاون المغربي الكازاخي.. مباحثات لتعزيز الشراكة الإقتصادية و السياسية',
    );
    const first = fetched('000_ca98ac49193d9c54.txt');
    expect(cleanPlainText(first.msg, first.text).title).toBe(
      'جماعة الرباط تستقبل سفيرة كازاخستان في إطار زيارة مجاملة',
    );
  });

  it('says plainly that relevance and the date are not assessed yet', () => {
    const { msg, text } = fetched('003_b70dbf102b9450a0.txt');
    const cleaned = cleanPlainText(msg, text);
    expect(cleaned.relevance.assessed).toBe(false);
    expect(cleaned.relevance.reasons[0]).toMatch(/not assessed/);
    expect(cleaned.publishedAt).toEqual({ value: null, source: 'none' });
  });

  it('takes the feed date when the fetcher had one', () => {
    const { msg, text } = fetched('004_69f7196542c3eaa4.txt', {
      feed: { publishedAt: '2025-03-01T08:00:00Z' },
    });
    expect(cleanPlainText(msg, text).publishedAt).toEqual({ value: '2025-03-01T08:00:00Z', source: 'feed' });
  });

  it('refuses HTML for now with a reason that says what to do', () => {
    const { msg } = fetched('000_ca98ac49193d9c54.txt');
    const html = { ...msg, body: { contentType: 'text/html', charset: 'utf-8', inline: '<p>x</p>' } };
    expect(() => cleanPlainText(html, '<p>x</p>')).toThrow(UnsupportedContentError);
    expect(() => cleanPlainText(html, '<p>x</p>')).toThrow(/redrive/);
  });
});
