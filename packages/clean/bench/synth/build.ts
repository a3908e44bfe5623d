/**
 * Builds the synthetic evaluation set (README.md beside this file): each real article text of
 * sources.json is laid into a news page of one of twelve page shapes — the layouts and the
 * furniture that the cleaner's issue 13 names (consent notices, author bios, contributor lists,
 * calendars, navigation menus, related lists, comment threads, captions, tables, lists and
 * headings inside the text). The labels (the article's text; the furniture blocks that must not
 * come out) are written here, from the sources, never from a cleaner's output.
 *
 * `node packages/clean/bench/synth/build.ts` rewrites pages/ and labels.json; deterministic.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FURNITURE, type FurnitureWords, type Lang } from './furniture.ts';

const here = import.meta.dirname;

export interface Source {
  readonly id: string;
  readonly url: string;
  readonly outlet: string;
  readonly lang: Lang;
  readonly from: string;
  readonly title: string | null;
  readonly body: readonly string[];
  /** Lines of the stored text that are not the article's (captions, datelines, prompts). */
  readonly furniture: readonly string[];
}

export interface PageLabel {
  readonly url: string;
  readonly outlet: string;
  readonly lang: Lang;
  readonly split: 'tuning' | 'untouched';
  readonly shape: string;
  readonly title: string;
  /** The article's own text, one block a line, headline excluded. */
  readonly articleBody: string;
  /** Blocks of the page that must not come out (five tokens or more each). */
  readonly mustDrop: readonly string[];
}

/** Tuning or untouched, by a hash of the page id (itself a hash of the URL): about half and half. */
export function splitOf(id: string): 'tuning' | 'untouched' {
  return Number.parseInt(hash(id).slice(0, 8), 16) % 2 === 0 ? 'tuning' : 'untouched';
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** mulberry32: a small deterministic generator, seeded per page. */
function random(seed: string): () => number {
  let a = Number.parseInt(hash(seed).slice(0, 8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A line of the article that reads as its own subheading: short, no closing punctuation. */
function isSubheading(line: string): boolean {
  return line.split(/\s+/u).length <= 12 && !/[.!?:;…»"”)\]]$/u.test(line.trim());
}

function firstSentence(text: string): string {
  const m = /^(.{30,}?[.!?])\s/u.exec(text);
  return (m?.[1] ?? text).trim();
}

function words(text: string, n: number): string {
  const w = text.split(/\s+/u);
  return w.length <= n ? text : w.slice(0, n).join(' ');
}

function slug(id: string, i: number): string {
  return `/${['news', 'politique', 'economy', 'world', 'article'][i % 5]}/${id.slice(0, 6)}${i}`;
}

interface Ctx {
  readonly src: Source;
  readonly w: FurnitureWords;
  readonly rng: () => number;
  readonly title: string;
  readonly author: string;
  readonly date: string;
  readonly others: readonly Source[];
  readonly drop: string[];
}

function pick<T>(ctx: Ctx, list: readonly T[]): T {
  const item = list[Math.floor(ctx.rng() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function some<T>(ctx: Ctx, list: readonly T[], n: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) {
    const [item] = copy.splice(Math.floor(ctx.rng() * copy.length), 1);
    if (item !== undefined) out.push(item);
  }
  return out;
}

/** Records a furniture block as must-drop (when it is long enough to be scored) and returns it. */
function f(ctx: Ctx, text: string): string {
  if (text.split(/\s+/u).length >= 5) ctx.drop.push(text);
  return esc(text);
}

const headlineOf = (s: Source): string => s.title ?? words(firstSentence(s.body[0] ?? ''), 12);

// --- furniture blocks -------------------------------------------------------------------------

function navLinks(ctx: Ctx): string {
  return ctx.w.menu.map((m, i) => `<li><a href="/${i}">${esc(m)}</a></li>`).join('');
}

function cookieParagraphs(ctx: Ctx): string {
  return ctx.w.cookie.map((c) => `<p>${f(ctx, c)}</p>`).join('');
}

function cookieButtons(ctx: Ctx): string {
  return ctx.w.cookieButtons.map((b) => `<a href="#" class="cc-btn">${esc(b)}</a>`).join(' ');
}

function shareBar(ctx: Ctx, cls: string): string {
  return `<div class="${cls}">${ctx.w.share.map((s) => `<a href="#">${esc(s)}</a>`).join(' ')}</div>`;
}

function relatedItems(ctx: Ctx, n: number, withTeaser: boolean): string {
  return some(ctx, ctx.others, n)
    .map((o, i) => {
      const teaser = withTeaser ? `<p>${f(ctx, firstSentence(o.body[0] ?? ''))}</p>` : '';
      return `<li><a href="${slug(o.id, i)}">${f(ctx, headlineOf(o))}</a>${teaser}</li>`;
    })
    .join('');
}

function bioParagraphs(ctx: Ctx): string {
  return ctx.w.bio.map((b) => `<p>${f(ctx, b.replaceAll('{name}', ctx.author))}</p>`).join('');
}

function commentThread(ctx: Ctx, n: number, cls: string): string {
  return some(ctx, ctx.w.comments, n)
    .map(
      (c, i) =>
        `<div class="${cls}"><span class="who">${esc(pick(ctx, ctx.w.names))}</span> <span class="when">${i + 1} h</span><p>${f(ctx, c)}</p></div>`,
    )
    .join('');
}

function contributors(ctx: Ctx, tag: 'p' | 'li'): string {
  return some(ctx, ctx.w.names, 8)
    .map(
      (name, i) =>
        `<${tag}><strong>${esc(name)}</strong> — ${esc(ctx.w.roles[i % ctx.w.roles.length] ?? '')}</${tag}>`,
    )
    .join('');
}

function calendar(ctx: Ctx): string {
  const month = pick(ctx, ctx.w.months);
  const head = ctx.w.weekdays.map((d) => `<th>${esc(d)}</th>`).join('');
  const rows: string[] = [];
  for (let week = 0; week < 5; week++) {
    const cells: string[] = [];
    for (let d = 1; d <= 7; d++) {
      const day = week * 7 + d;
      cells.push(day <= 31 ? `<td><a href="/archive/${day}">${day}</a></td>` : '<td></td>');
    }
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  return `<table class="cal"><caption>${esc(month)} 2025</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function agenda(ctx: Ctx): string {
  return ctx.w.agenda
    .map((a, i) => `<li><span class="t">${9 + i}:00</span> <a href="/agenda/${i}">${f(ctx, a)}</a></li>`)
    .join('');
}

function newsletter(ctx: Ctx, cls: string): string {
  const [head = '', text = '', button = ''] = ctx.w.newsletter;
  return `<div class="${cls}"><h4>${esc(head)}</h4><p>${f(ctx, text)}</p><a href="#">${esc(button)}</a></div>`;
}

function footerLinks(ctx: Ctx): string {
  const links = ctx.w.footer.slice(0, -1).map((l, i) => `<a href="/p/${i}">${esc(l)}</a>`);
  return `${links.join(' | ')}<p>© 2025 ${esc(ctx.src.outlet)}. ${f(ctx, ctx.w.footer.at(-1) ?? '')}</p>`;
}

function ticker(ctx: Ctx): string {
  return some(ctx, ctx.others, 6)
    .map(
      (o, i) =>
        `<li><span>${10 + i}:${String(i * 7).padStart(2, '0')}</span><a href="${slug(o.id, i)}">${f(ctx, headlineOf(o))}</a></li>`,
    )
    .join('');
}

/** The stored text's own non-article lines: captions under the picture, the rest in the header strip. */
function sourceFurniture(ctx: Ctx): { caption: string; strip: string } {
  const captions: string[] = [];
  const strip: string[] = [];
  for (const line of ctx.src.furniture) {
    if (/фото|photo|сурет|صورة|crédit|credit|коллаж|source|المصدر|pixabay|pexels/iu.test(line))
      captions.push(line);
    else strip.push(line);
  }
  return {
    caption: captions.map((c) => f(ctx, c)).join(' '),
    strip: strip.map((s) => `<div class="meta-line">${f(ctx, s)}</div>`).join(''),
  };
}

function figure(ctx: Ctx, cls: string): string {
  const { caption } = sourceFurniture(ctx);
  const text = caption || f(ctx, `${ctx.w.photo}: ${ctx.src.outlet} / ${pick(ctx, ctx.w.names)}`);
  return `<figure class="${cls}"><img src="/img/${ctx.src.id}.jpg" alt=""><figcaption>${text}</figcaption></figure>`;
}

// --- the article's own text, in several markups -------------------------------------------------

type BodyStyle = 'p' | 'div' | 'br' | 'rich';

/**
 * The article lines as markup. `p`: paragraphs and h2 subheadings; `div`: one div per line,
 * subheadings in bold; `br`: one text run with double line breaks; `rich`: paragraphs with
 * subheadings, a paragraph turned into a list of its sentences, a quote as blockquote and one
 * into a table, and an inline "read also" link between paragraphs.
 */
function bodyHtml(ctx: Ctx, style: BodyStyle): string {
  const lines = ctx.src.body;
  if (style === 'br') {
    return lines.map((l) => (isSubheading(l) ? `<b>${esc(l)}</b>` : esc(l))).join('<br><br>\n');
  }
  if (style === 'div') {
    return lines
      .map((l) =>
        isSubheading(l)
          ? `<div class="t2"><strong>${esc(l)}</strong></div>`
          : `<div class="tx">${esc(l)}</div>`,
      )
      .join('\n');
  }
  const out: string[] = [];
  let listed = false;
  let tabled = false;
  for (const [i, l] of lines.entries()) {
    if (isSubheading(l)) {
      out.push(style === 'rich' && ctx.rng() < 0.5 ? `<h3>${esc(l)}</h3>` : `<h2>${esc(l)}</h2>`);
      continue;
    }
    const sentences = l.split(/(?<=[.!?؟])\s+/u).filter(Boolean);
    if (style === 'rich' && !listed && i > 0 && sentences.length >= 3) {
      listed = true;
      out.push(`<ul>${sentences.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`);
    } else if (style === 'rich' && /^[«"“—–-]/u.test(l)) {
      out.push(`<blockquote><p>${esc(l)}</p></blockquote>`);
    } else if (style === 'rich' && !tabled && listed && sentences.length >= 2) {
      tabled = true;
      out.push(
        `<table class="data"><tbody>${sentences.map((s) => `<tr><td>${esc(s)}</td></tr>`).join('')}</tbody></table>`,
      );
    } else {
      out.push(`<p>${esc(l)}</p>`);
    }
    if (style === 'rich' && i === 0 && lines.length > 2) {
      const other = pick(ctx, ctx.others);
      out.push(
        `<p class="inline-link"><strong>${esc(ctx.w.readAlso)}</strong> <a href="${slug(other.id, 9)}">${f(ctx, headlineOf(other))}</a></p>`,
      );
    }
  }
  return out.join('\n');
}

// --- page shapes ----------------------------------------------------------------------------------

function head(ctx: Ctx, withBody: boolean): string {
  const { src, title, date } = ctx;
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: title,
    datePublished: date,
    author: { '@type': 'Person', name: ctx.author },
    publisher: { '@type': 'Organization', name: src.outlet },
    ...(withBody ? { articleBody: src.body.join('\n') } : {}),
  };
  const dir = src.lang === 'ar' ? ' dir="rtl"' : '';
  return `<!DOCTYPE html><html lang="${src.lang}"${dir}><head><meta charset="utf-8"><title>${esc(title)} | ${esc(src.outlet)}</title>
<meta property="og:title" content="${esc(title)}"><meta property="og:site_name" content="${esc(src.outlet)}">
<meta property="og:description" content="${esc(words(firstSentence(src.body[0] ?? ''), 30))}">
<meta property="article:published_time" content="${date}"><link rel="canonical" href="${esc(src.url)}">
<script type="application/ld+json">${JSON.stringify(ld).replace(/</g, '\\u003c')}</script>
<link rel="stylesheet" href="/static/site.css"></head>`;
}

type Shape = (ctx: Ctx) => string;

/** A WordPress theme: semantic markup, author box, related posts, a comment list, sidebar widgets. */
const wordpress: Shape = (ctx) => `${head(ctx, false)}<body class="single-post">
<header id="masthead" class="site-header"><div class="site-branding"><a href="/">${esc(ctx.src.outlet)}</a></div><nav class="main-navigation"><ul>${navLinks(ctx)}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main">
<article class="post type-post"><header class="entry-header"><h1 class="entry-title">${esc(ctx.title)}</h1>
<div class="entry-meta"><span class="byline">${esc(ctx.w.by)} <a href="/author/x">${esc(ctx.author)}</a></span> <time datetime="${ctx.date}">${ctx.date.slice(0, 10)}</time></div>${sourceFurniture(ctx).strip}</header>
${figure(ctx, 'wp-block-image')}
<div class="entry-content">${bodyHtml(ctx, 'p')}</div>
${shareBar(ctx, 'sharedaddy sd-sharing')}
<footer class="entry-footer"><span class="tags-links">${ctx.w.tags.map((t) => `<a href="/tag/${esc(t)}" rel="tag">${esc(t)}</a>`).join(', ')}</span></footer>
<div class="author-box"><h4>${esc(ctx.w.aboutAuthor)}</h4>${bioParagraphs(ctx)}</div></article>
<section class="related-posts"><h3>${esc(ctx.w.relatedHead)}</h3><ul>${relatedItems(ctx, 4, false)}</ul></section>
<div id="comments" class="comments-area"><h2 class="comments-title">${esc(ctx.w.commentsHead)}</h2><ol class="comment-list">${commentThread(ctx, 4, 'comment-body')}</ol>
<div id="respond"><h3>${esc(ctx.w.commentForm[0] ?? '')}</h3><p>${f(ctx, ctx.w.commentForm[1] ?? '')}</p></div></div>
</main></div><aside id="secondary" class="widget-area"><section class="widget"><h2>${esc(ctx.w.mostRead)}</h2><ul>${relatedItems(ctx, 5, false)}</ul></section>${newsletter(ctx, 'widget newsletter')}</aside></div>
<footer id="colophon">${footerLinks(ctx)}</footer></body></html>`;

/**
 * A script-built page with hashed class names and no semantic tags: the article's lines are
 * divs, not paragraphs, and the only <p> elements on the page are the consent notice's.
 */
const hashedDivs: Shape = (ctx) => `${head(ctx, false)}<body><div id="__next">
<div class="x9f2k"><div class="a81jd">${cookieParagraphs(ctx)}<div class="b7q1">${cookieButtons(ctx)}</div></div></div>
<div class="k2m4x"><div class="p0o9i"><a href="/">${esc(ctx.src.outlet)}</a></div><div class="u7y6t">${ctx.w.menu.map((m, i) => `<a class="z1" href="/${i}">${esc(m)}</a>`).join('')}</div></div>
<div class="r5t6y"><div class="q1w2e"><h1 class="h8j7">${esc(ctx.title)}</h1><div class="m3n4">${esc(ctx.author)} · ${ctx.date.slice(0, 10)}</div>${sourceFurniture(ctx).strip}
<div class="c4v5b">${bodyHtml(ctx, 'div')}</div>
<div class="l0k9">${ctx.w.share.map((s) => `<a href="#">${esc(s)}</a>`).join('')}</div></div>
<div class="s8d7f"><div class="g6h5">${esc(ctx.w.latest)}</div>${some(ctx, ctx.others, 5)
  .map((o, i) => `<a class="j3" href="${slug(o.id, i)}"><div>${f(ctx, headlineOf(o))}</div></a>`)
  .join('')}</div></div>
<div class="f1g2">${footerLinks(ctx)}</div></div></body></html>`;

/**
 * An old table layout (portal engines): the article is one table cell with its lines split by
 * double <br>, the left column is a news-archive calendar and an agenda, "read also" links follow
 * the text inside the same cell.
 */
const tablePortal: Shape = (
  ctx,
) => `${head(ctx, false)}<body><table width="100%" class="main"><tr><td colspan="3" class="top"><a href="/">${esc(ctx.src.outlet)}</a> ${ctx.w.menu.map((m, i) => `<a href="/${i}">${esc(m)}</a>`).join(' | ')}</td></tr>
<tr><td width="200" valign="top" class="left"><b>${esc(ctx.w.calendarHead)}</b>${calendar(ctx)}<ul class="agenda">${agenda(ctx)}</ul></td>
<td valign="top" class="center"><h1>${esc(ctx.title)}</h1><span class="date">${ctx.date.slice(0, 10)}</span>${sourceFurniture(ctx).strip}<br>
${bodyHtml(ctx, 'br')}<br><br>
<b>${esc(ctx.w.readAlso)}</b><br>${some(ctx, ctx.others, 4)
  .map((o, i) => `<a href="${slug(o.id, i)}">${f(ctx, headlineOf(o))}</a>`)
  .join('<br>')}
</td><td width="220" valign="top" class="right"><b>${esc(ctx.w.latest)}</b><ul>${ticker(ctx)}</ul></td></tr>
<tr><td colspan="3" class="bottom">${footerLinks(ctx)}</td></tr></table></body></html>`;

/** A news agency: article body with captions between paragraphs, inline read-also boxes, tags. */
const agency: Shape = (
  ctx,
) => `${head(ctx, true)}<body><header class="header"><a class="logo" href="/">${esc(ctx.src.outlet)}</a><nav><ul>${navLinks(ctx)}</ul></nav></header>
<main class="layout"><div class="article"><div class="article__meta"><a href="/">${esc(ctx.w.home)}</a> / <a href="/p">${esc(ctx.w.menu[1] ?? '')}</a></div>
<h1 class="article__title">${esc(ctx.title)}</h1><div class="article__info"><time>${ctx.date.slice(0, 16).replace('T', ' ')}</time></div>${sourceFurniture(ctx).strip}
${figure(ctx, 'article__photo')}
<div class="article__body">${bodyHtml(ctx, 'p')}
<div class="inline-box"><div class="inline-box__title">${esc(ctx.w.readAlso)}</div><a href="${slug(ctx.src.id, 2)}">${f(ctx, headlineOf(pick(ctx, ctx.others)))}</a></div></div>
<div class="article__tags">${ctx.w.tags.map((t) => `<a href="/tag">${esc(t)}</a>`).join('')}</div>
${shareBar(ctx, 'article__share')}</div>
<div class="sidebar"><div class="sidebar__title">${esc(ctx.w.latest)}</div><ul>${ticker(ctx)}</ul></div></main>
<footer class="footer">${footerLinks(ctx)}</footer></body></html>`;

/**
 * A short news item followed by a long writer's card: the bio's paragraphs are a block of prose
 * as long as the article, under a class that names no furniture.
 */
const shortBio: Shape = (
  ctx,
) => `${head(ctx, false)}<body><div class="wrap"><div class="topbar"><ul class="links">${navLinks(ctx)}</ul></div>
<div class="story"><h1>${esc(ctx.title)}</h1><div class="story-date">${ctx.date.slice(0, 10)}</div>${sourceFurniture(ctx).strip}
<div class="story-text">${bodyHtml(ctx, 'p')}</div></div>
<div class="writer-card"><img src="/w.jpg" alt=""><h3>${esc(ctx.author)}</h3>${bioParagraphs(ctx)}
<p>${f(ctx, ctx.w.bio[0]?.replaceAll('{name}', pick(ctx, ctx.w.names)) ?? '')}</p></div>
<div class="more"><h3>${esc(ctx.w.relatedHead)}</h3><ul>${relatedItems(ctx, 5, true)}</ul></div>
<div class="bottom">${footerLinks(ctx)}</div></div></body></html>`;

/** An article with its masthead: the team's names and roles as paragraphs, then the legal notice. */
const contributorsPage: Shape = (
  ctx,
) => `${head(ctx, true)}<body><header><div class="brand">${esc(ctx.src.outlet)}</div><ul class="menu-list">${navLinks(ctx)}</ul></header>
<div class="container"><div class="row"><div class="col-8"><h1>${esc(ctx.title)}</h1><p class="lead-meta">${esc(ctx.w.by)} ${esc(ctx.author)} — ${ctx.date.slice(0, 10)}</p>${sourceFurniture(ctx).strip}
<div class="text-block">${bodyHtml(ctx, 'p')}</div></div>
<div class="col-4"><div class="team"><h3>${esc(ctx.w.contributorsHead)}</h3>${contributors(ctx, 'p')}</div></div></div>
<div class="row legal"><p>${f(ctx, ctx.w.footer.at(-1) ?? '')}</p><p>${f(ctx, ctx.w.cookie[0] ?? '')}</p></div></div></body></html>`;

/** A story followed by a long reader discussion (no "comment" in its markup), longer than the story. */
const commentsHeavy: Shape = (
  ctx,
) => `${head(ctx, false)}<body><div class="page"><div class="head"><a href="/">${esc(ctx.src.outlet)}</a><div class="sections">${ctx.w.menu.map((m, i) => `<a href="/${i}">${esc(m)}</a>`).join(' ')}</div></div>
<div class="story"><h1>${esc(ctx.title)}</h1><div class="credits">${esc(ctx.author)}, ${ctx.date.slice(0, 10)}</div>${sourceFurniture(ctx).strip}
${bodyHtml(ctx, 'p')}</div>
<div class="discussion"><h2>${esc(ctx.w.commentsHead)} (${ctx.w.comments.length + 2})</h2>${commentThread(ctx, 6, 'reaction')}${commentThread(ctx, 2, 'reaction reply-to')}
<div class="form"><p>${f(ctx, ctx.w.commentForm[1] ?? '')}</p></div></div>
<div class="foot">${footerLinks(ctx)}</div></div></body></html>`;

/** A city or events portal: a month calendar and the day's agenda with descriptions above the story. */
const calendarEvents: Shape = (
  ctx,
) => `${head(ctx, false)}<body><div id="top">${esc(ctx.src.outlet)} <ul class="nav-list">${navLinks(ctx)}</ul></div>
<div id="wrapper"><div id="events"><h2>${esc(ctx.w.calendarHead)}</h2>${calendar(ctx)}
<div class="day"><h3>${esc(ctx.w.agenda[0] ?? '')}</h3>${ctx.w.agenda.map((a) => `<p>${f(ctx, `${a}. ${ctx.w.newsletter[1] ?? ''}`)}</p>`).join('')}</div></div>
<div id="news"><h1>${esc(ctx.title)}</h1><div class="when">${ctx.date.slice(0, 10)}</div>${sourceFurniture(ctx).strip}${bodyHtml(ctx, 'p')}</div>
<div id="latest"><h2>${esc(ctx.w.latest)}</h2><ul>${relatedItems(ctx, 4, true)}</ul></div></div>
<div id="bottom">${footerLinks(ctx)}</div></body></html>`;

/** A drop-down menu built of divs with a teaser under each section (no nav tag, no menu words). */
const megaMenu: Shape = (
  ctx,
) => `${head(ctx, true)}<body><div class="hdr"><div class="hdr-dropdown">${ctx.w.menu
  .slice(0, 6)
  .map((m, i) => {
    const o = ctx.others[i % Math.max(1, ctx.others.length)];
    return `<div class="dd-col"><a href="/${i}"><b>${esc(m)}</b></a>${o ? `<p><a href="${slug(o.id, i)}">${f(ctx, headlineOf(o))}</a></p>` : ''}</div>`;
  })
  .join('')}</div></div>
<div class="main"><article><h1>${esc(ctx.title)}</h1><div class="info">${esc(ctx.w.by)} ${esc(ctx.author)} · ${ctx.date.slice(0, 10)} · 3 ${esc(ctx.w.minutes)}</div>${sourceFurniture(ctx).strip}
${figure(ctx, 'hero')}<div class="article-text">${bodyHtml(ctx, 'p')}</div></article>
${newsletter(ctx, 'nl-box')}</div><div class="end">${footerLinks(ctx)}</div></body></html>`;

/** A magazine feature: subheadings, a list, a quote, a table and a pull quote inside the text. */
const structured: Shape = (ctx) => {
  const pull = ctx.src.body.find((l) => !isSubheading(l)) ?? '';
  const pullQuote = firstSentence(pull);
  return `${head(ctx, false)}<body><header class="mast"><a href="/">${esc(ctx.src.outlet)}</a><nav>${ctx.w.menu.map((m, i) => `<a href="/${i}">${esc(m)}</a>`).join('')}</nav></header>
<main><article class="feature"><h1>${esc(ctx.title)}</h1><p class="byline">${esc(ctx.w.by)} ${esc(ctx.author)}</p><time>${ctx.date.slice(0, 10)}</time>${sourceFurniture(ctx).strip}
${figure(ctx, 'lead-figure')}<div class="feature-body">${bodyHtml(ctx, 'rich')}
<aside class="pullquote"><blockquote>${f(ctx, pullQuote)}</blockquote></aside></div>
${shareBar(ctx, 'social-share')}</article>
<section class="recirc"><h2>${esc(ctx.w.relatedHead)}</h2><ul>${relatedItems(ctx, 3, true)}</ul></section></main>
<footer>${footerLinks(ctx)}</footer></body></html>`;
};

/** An AMP-like page whose consent layer (several paragraphs) comes last in the body. */
const ampConsentEnd: Shape = (
  ctx,
) => `${head(ctx, true)}<body><div class="amp-header"><a href="/">${esc(ctx.src.outlet)}</a></div>
<div class="amp-content"><h1>${esc(ctx.title)}</h1><div class="amp-meta">${ctx.date.slice(0, 10)}</div>${sourceFurniture(ctx).strip}
${bodyHtml(ctx, 'p')}</div>
<div class="amp-related"><h3>${esc(ctx.w.relatedHead)}</h3>${some(ctx, ctx.others, 3)
  .map((o, i) => `<a href="${slug(o.id, i)}">${f(ctx, headlineOf(o))}</a>`)
  .join('')}</div>
<div id="consent-layer" class="amp-user-notif"><h3>${esc(ctx.w.cookieButtons[2] ?? '')}</h3>${cookieParagraphs(ctx)}<p>${f(ctx, ctx.w.commentForm[1] ?? '')}</p><div>${cookieButtons(ctx)}</div></div></body></html>`;

/**
 * A Moroccan portal front-of-article: a ticker of timed headlines on top, the story in a content
 * div, and a "latest" list with the lead sentence of each other story as a paragraph.
 */
const tickerListing: Shape = (
  ctx,
) => `${head(ctx, false)}<body><div class="breaking"><ul>${ticker(ctx)}</ul></div>
<div class="header-area"><a href="/">${esc(ctx.src.outlet)}</a><ul class="links">${navLinks(ctx)}</ul></div>
<div class="content-area"><h1 class="post-title">${esc(ctx.title)}</h1><div class="post-info">${ctx.date.slice(0, 10)} | ${esc(ctx.author)}</div>${sourceFurniture(ctx).strip}
${figure(ctx, 'post-image')}<div class="post-content">${bodyHtml(ctx, 'p')}</div>${shareBar(ctx, 'post-share')}</div>
<div class="latest-area"><h3>${esc(ctx.w.latest)}</h3><ul>${relatedItems(ctx, 6, true)}</ul></div>
<div class="footer-area">${footerLinks(ctx)}</div></body></html>`;

export const SHAPES: Readonly<Record<string, Shape>> = {
  wordpress,
  'hashed-divs': hashedDivs,
  'table-portal': tablePortal,
  agency,
  'short-bio': shortBio,
  contributors: contributorsPage,
  'comments-heavy': commentsHeavy,
  'calendar-events': calendarEvents,
  'mega-menu': megaMenu,
  structured,
  'amp-consent-end': ampConsentEnd,
  'ticker-listing': tickerListing,
};

/**
 * A source's page: its shape (by a hash of its id) and its furniture, with `others` (pages of the
 * same language) as the related stories; deterministic. Also `pnpm bench:pipeline`'s dyad pages.
 */
export function buildPage(
  src: Source,
  others: readonly Source[],
): {
  readonly html: string;
  readonly shape: string;
  readonly title: string;
  readonly drop: readonly string[];
} {
  const rng = random(src.id);
  const shapeNames = Object.keys(SHAPES);
  const shapeName =
    shapeNames[Number.parseInt(hash(`${src.id}:shape`).slice(0, 8), 16) % shapeNames.length] ?? 'wordpress';
  const shape = SHAPES[shapeName];
  if (!shape) throw new Error(shapeName);
  const w = FURNITURE[src.lang];
  const day = 1 + Math.floor(rng() * 28);
  const month = 1 + Math.floor(rng() * 12);
  const ctx: Ctx = {
    src,
    w,
    rng,
    title: headlineOf(src),
    author: w.names[Math.floor(rng() * w.names.length)] ?? '',
    date: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:30:00+01:00`,
    others,
    drop: [],
  };
  return { html: shape(ctx), shape: shapeName, title: ctx.title, drop: ctx.drop };
}

function build(): void {
  const sources = JSON.parse(readFileSync(join(here, 'sources.json'), 'utf8')) as Source[];
  const pagesDir = join(here, 'pages');
  rmSync(pagesDir, { recursive: true, force: true });
  mkdirSync(pagesDir, { recursive: true });
  const labels: Record<string, PageLabel> = {};
  for (const src of sources) {
    const page = buildPage(
      src,
      sources.filter((o) => o.lang === src.lang && o.id !== src.id),
    );
    writeFileSync(join(pagesDir, `${src.id}.html.gz`), gzipSync(page.html, { level: 9 }));
    labels[src.id] = {
      url: src.url,
      outlet: src.outlet,
      lang: src.lang,
      split: splitOf(src.id),
      shape: page.shape,
      title: page.title,
      articleBody: src.body.join('\n'),
      mustDrop: [...new Set(page.drop)],
    };
  }
  writeFileSync(join(here, 'labels.json'), `${JSON.stringify(labels, null, 2)}\n`);
  const count = (split: string) => Object.values(labels).filter((l) => l.split === split).length;
  console.log(`${sources.length} pages: tuning ${count('tuning')}, untouched ${count('untouched')}`);
}

if (import.meta.filename === process.argv[1]) build();
