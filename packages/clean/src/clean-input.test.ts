import { loadProfile } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { cleanArticle, UnreadableContentError, UnsupportedContentError } from './clean.ts';

const profile = loadProfile();
const fetchedAt = '2025-03-01T10:00:00.000Z';
const TEXT =
  'Rabat, 28 February 2025. Moroccan Foreign Minister Nasser Bourita received his Kazakh counterpart in Rabat on Friday.\n\n' +
  'The two ministers signed a memorandum of understanding on political consultations between Morocco and Kazakhstan.';

describe('what the cleaner takes as text', () => {
  it('removes NUL characters from the body and the feed’s title, and keeps the article', () => {
    const result = cleanArticle(
      {
        body: TEXT.replace('Kazakh', 'Ka\u0000zakh'),
        contentType: 'text/plain',
        fetchedAt,
        feed: { title: 'Bourita\u0000 receives' },
      },
      { profile },
    );
    expect(result.text).not.toContain('\u0000');
    expect(result.text).toContain('Kazakh counterpart');
    const html = cleanArticle(
      {
        body: `<html><head><title>A\u0000B</title></head><body><p>${TEXT}</p></body></html>`,
        contentType: 'text/html',
        fetchedAt,
      },
      { profile },
    );
    expect(html.title).not.toContain('\u0000');
  });

  it('refuses binary bytes and undecodable text for good, whatever the content type says', () => {
    let seed = 11;
    const noise = Array.from({ length: 300_000 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return String.fromCharCode(seed >> 23);
    }).join('');
    const binary = new TextDecoder().decode(Buffer.from(noise, 'latin1'));
    for (const contentType of ['text/html', 'text/plain']) {
      const error = (() => {
        try {
          cleanArticle({ body: binary, contentType, fetchedAt }, { profile });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, contentType).toBeInstanceOf(UnreadableContentError);
      // Permanent as any unsupported content is (the cleaner's worker dead-letters it).
      expect(error).toBeInstanceOf(UnsupportedContentError);
      expect(String(error)).toMatch(/not text: \d+\.\d% of the body is undecodable/);
    }
  });
});
