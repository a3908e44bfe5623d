/**
 * The pages `pnpm bench:pipeline` publishes: a third are the public cleaner benchmark's pages
 * (181 real news pages, mostly English and about anything, 174 kB of HTML on average; taken in
 * turn, each at URLs of its own), one in 25 a seed (a real dyad article in Arabic or French), and
 * the rest generated dyad articles (packages/e2e/src/chaos-articles.ts: an event of its own in
 * English, or every fifth a report of an earlier one in French, Arabic or Russian) laid into the
 * synthetic set's news-page shapes (packages/clean/bench/synth/build.ts: menus, related stories,
 * consent notices, comments; about 7 kB).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildPage, type Source } from '../../clean/bench/synth/build.ts';
import type { Lang } from '../../clean/bench/synth/furniture.ts';
import { chaosArticles } from './chaos-articles.ts';
import type { SitePage } from './news-site.ts';
import { repoRoot, seedFiles, seedsDir } from './pipeline.ts';

export interface BenchPage extends SitePage {
  readonly kind: 'public' | 'seed' | 'dyad';
  readonly lang: string;
}

/** The public benchmark's pages (../shared/bench/article-extraction), or the synthetic set's when absent. */
function publicPages(): { readonly html: string; readonly title: string }[] {
  const dir = join(repoRoot, '..', 'shared', 'bench', 'article-extraction', 'html');
  const synth = join(repoRoot, 'packages', 'clean', 'bench', 'synth', 'pages');
  const from = existsSync(dir) ? dir : synth;
  if (from === synth)
    process.stderr.write(`bench: ${dir} is missing; the synthetic set's pages stand in for it\n`);
  return readdirSync(from)
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => {
      const html = gunzipSync(readFileSync(join(from, f))).toString('utf8');
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() || f;
      return { html, title };
    });
}

function sourceOf(id: string, lang: Lang, title: string, text: string): Source {
  const [, ...body] = text.split('\n').filter((l) => l.trim() !== '');
  return { id, url: '', outlet: 'Dyad bench news', lang, from: 'bench', title, body, furniture: [] };
}

const shortId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 12);

/** `count` pages, keys tagged with `tag` (two runs never share a URL). */
export function benchPages(count: number, tag: string): BenchPage[] {
  const pub = publicPages();
  const seeds = seedFiles.map((file) => {
    const text = readFileSync(join(seedsDir, file), 'utf8');
    const title = text.split('\n')[0]?.trim() ?? file;
    // Seeds are Arabic or French; the script tells which.
    const lang: Lang = /[\u0600-\u06ff]/.test(title) ? 'ar' : 'fr';
    return { file, lang, title, text };
  });
  // More than the pages take: every page that is neither public nor a seed takes the next one.
  const dyad = chaosArticles(count, tag);
  // A few stories of each language for the pages' related lists.
  const related = new Map<Lang, Source[]>();
  for (const a of dyad.slice(0, 200)) {
    const list = related.get(a.lang) ?? [];
    if (list.length < 8) list.push(sourceOf(shortId(a.key), a.lang, a.title, a.text));
    related.set(a.lang, list);
  }
  const pages: BenchPage[] = [];
  let [p, s, d] = [0, 0, 0];
  for (let i = 0; i < count; i++) {
    const key = `${tag}-${String(i).padStart(5, '0')}`;
    const seed = i % 25 === 1 ? seeds[s++ % seeds.length] : undefined;
    const page = i % 3 === 2 ? pub[p++ % pub.length] : undefined;
    if (page) {
      pages.push({ key, kind: 'public', lang: 'en', title: page.title, html: () => page.html });
    } else if (seed) {
      const src = sourceOf(shortId(key), seed.lang, seed.title, seed.text);
      const others = related.get(seed.lang) ?? [];
      pages.push({
        key,
        kind: 'seed',
        lang: seed.lang,
        title: seed.title,
        html: () => buildPage(src, others).html,
      });
    } else {
      const a = dyad[d++];
      if (!a) throw new Error('no generated article');
      const src = sourceOf(shortId(a.key), a.lang, a.title, a.text);
      const others = (related.get(a.lang) ?? []).filter((o) => o.id !== src.id);
      pages.push({
        key: `${key}-${a.lang}`,
        kind: 'dyad',
        lang: a.lang,
        title: a.title,
        html: () => buildPage(src, others).html,
      });
    }
  }
  return pages;
}
