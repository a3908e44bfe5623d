/**
 * The real-article corpus (bench/real/): every file is well formed, sits in the split its URL's
 * hash gives it, quotes its evidence from its own text, and none of its URLs is a page Dyad is
 * judged on from outside (`../shared/eval/excluded-urls.txt`). Failures name the file and the
 * check, never the article's text or gold: the sealed split stays unread.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RealArticle, readRealFile, realDir, realFiles, splitOf } from '../bench/gold.ts';

const EXCLUDED = join(import.meta.dirname, '../../../../shared/eval/excluded-urls.txt');

/** A URL reduced to what identifies a page: no scheme, www., trailing dot or slash, AMP suffix. */
function pageKey(url: string): string {
  let s = url.trim();
  try {
    s = decodeURI(s);
  } catch {
    // A URL with a stray % stays as written.
  }
  s = s.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  const slash = s.indexOf('/');
  const host = (slash < 0 ? s : s.slice(0, slash))
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^amp\./, '');
  const path = slash < 0 ? '' : s.slice(slash);
  return `${host}${path}`
    .replace(/\/+$/, '')
    .replace(/\/amp$/, '')
    .replace(/\.amp\.html$/, '.html')
    .toLowerCase();
}

// Each profile's corpus: bench/real (ma-kz) and bench/real-<profile>; the checks hold for all.
const corpora: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['ma-kz', ['ar', 'fr', 'en', 'ru', 'kk']],
  ['eg-ru', ['ar', 'en', 'ru']],
];

for (const [profile, languages] of corpora) {
  const files = realFiles(undefined, realDir(profile));
  const articles = files.map((f) => ({ file: f, article: readRealFile(f) }));

  describe(`the real-article corpus of ${profile}`, () => {
    it('has articles in every language it was collected in', () => {
      const langs = new Set(files.map((f) => f.lang));
      for (const lang of languages) expect(langs, lang).toContain(lang);
    });

    it('keeps each article in the split and under the id its URL gives it', () => {
      for (const { file, article } of articles) {
        const { split, hash } = splitOf(article.url);
        expect(file.split, file.id).toBe(split);
        expect(file.id, file.id).toBe(`${article.lang}-${hash}`);
        expect(file.lang, file.id).toBe(article.lang);
      }
    });

    it('holds each URL once', () => {
      const seen = new Map<string, string>();
      for (const { file, article } of articles) {
        const key = pageKey(article.url);
        expect(seen.get(key), `${file.id} repeats a URL`).toBeUndefined();
        seen.set(key, file.id);
      }
    });

    it('holds no page Dyad is judged on from outside', () => {
      const excluded = readFileSync(EXCLUDED, 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map(pageKey);
      expect(excluded.length).toBeGreaterThan(0);
      for (const { file, article } of articles) {
        const key = pageKey(article.url);
        const listed = excluded.some((e) => e === key || e.startsWith(key) || key.startsWith(e));
        expect(listed, `${file.split}/${file.id} is an excluded page`).toBe(false);
      }
    });

    it('quotes every event from its own text', () => {
      const events = (a: RealArticle) => [...a.gold.main, ...a.gold.referred];
      for (const { file, article } of articles)
        for (const [i, e] of events(article).entries())
          if (e.evidence !== undefined)
            expect(article.text.includes(e.evidence), `${file.split}/${file.id}: event ${i}'s evidence`).toBe(
              true,
            );
    });

    it('gives a relevant article at least one event, and keeps excerpts short', () => {
      for (const { file, article } of articles) {
        if (article.relevant)
          expect(
            article.gold.main.length + article.gold.referred.length,
            `${file.split}/${file.id} has no event`,
          ).toBeGreaterThan(0);
        expect(article.text.length, `${file.split}/${file.id} is longer than an excerpt`).toBeLessThan(4_000);
      }
    });
  });
}
