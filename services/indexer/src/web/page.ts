import { type Content, Html, html } from './html.ts';
import { DIRECTION, LANGUAGE_NAMES, MESSAGES, type Messages, UI_LANGUAGES, type UiLanguage } from './i18n.ts';

/** What every page of one request knows: its language, and how to link within Dyad. */
export interface PageContext {
  readonly hl: UiLanguage;
  readonly t: Messages;
  /** API_PUBLIC_URL with a trailing slash: every link of a page starts with it. */
  readonly base: string;
  /** The request's path and query, as received (relative to the base). */
  readonly requestUrl: string;
  /** An absolute link to `path` (relative to the base, no leading slash), keeping the interface language. */
  link(path: string, params?: Readonly<Record<string, string | number | undefined>>): string;
}

export function pageContext(publicUrl: string, requestUrl: string, hl: UiLanguage): PageContext {
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  return {
    hl,
    t: MESSAGES[hl],
    base,
    requestUrl,
    link(path, params = {}) {
      const url = new URL(path.replace(/^\/+/, ''), base);
      for (const [key, value] of Object.entries(params))
        if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
      if (hl !== 'en') url.searchParams.set('hl', hl);
      return url.href;
    },
  };
}

/** The same page in another interface language. */
function sameIn(ctx: PageContext, hl: UiLanguage): string {
  const url = new URL(ctx.requestUrl.replace(/^\/+/, ''), ctx.base);
  if (hl === 'en') url.searchParams.delete('hl');
  else url.searchParams.set('hl', hl);
  return url.href;
}

export interface PageOptions {
  readonly title: string;
  /** Which page, for the script (`timeline`, `event`, …). */
  readonly page: string;
  /** data-* attributes of <body> the script reads. */
  readonly data?: Readonly<Record<string, string>>;
  readonly canonical: string;
}

export function layout(ctx: PageContext, options: PageOptions, main: Content): Html {
  const { t } = ctx;
  const data = {
    base: new URL(ctx.base).pathname,
    page: options.page,
    live: t.live,
    liveConnecting: t.liveConnecting,
    liveOff: t.liveOff,
    hl: ctx.hl,
    ...options.data,
  };
  const attributes = Object.entries(data).map(
    ([key, value]) => html` data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${value}"`,
  );
  return html`<!doctype html>
<html lang="${ctx.hl}" dir="${DIRECTION[ctx.hl]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${t.site}</title>
<link rel="canonical" href="${options.canonical}">
<link rel="alternate" type="application/atom+xml" title="${t.feed}" href="${ctx.base}feed.atom">
<link rel="icon" href="${ctx.base}static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${ctx.base}static/dyad.css">
<script type="module" src="${ctx.base}static/dyad.js"></script>
</head>
<body${attributes}>
<a class="skip" href="#main">${t.skip}</a>
<header class="top">
<div class="brand"><a href="${ctx.link('')}"><span class="logo" aria-hidden="true">◆</span> ${t.site}</a>
<span class="tagline">${t.tagline}</span></div>
<nav aria-label="${t.site}">
<a href="${ctx.link('')}"${options.page === 'timeline' ? html` aria-current="page"` : ''}>${t.timeline}</a>
<a href="${ctx.link('agreements')}"${options.page === 'agreements' ? html` aria-current="page"` : ''}>${t.agreements}</a>
<a href="${ctx.base}feed.atom">${t.feed}</a>
<a href="${ctx.base}openapi.json">${t.api}</a>
</nav>
<div class="langs" role="group" aria-label="${t.language}">${UI_LANGUAGES.map((l) =>
    l === ctx.hl
      ? html`<span lang="${l}" aria-current="true">${LANGUAGE_NAMES[l] ?? l}</span>`
      : html`<a lang="${l}" hreflang="${l}" href="${sameIn(ctx, l)}">${LANGUAGE_NAMES[l] ?? l}</a>`,
  )}</div>
<p class="live-status" id="live-status" role="status" aria-live="polite"></p>
</header>
<main id="main">
${main}
</main>
</body>
</html>
`;
}

/** A small SVG icon (aria-hidden: the text beside it names it). */
export function icon(path: string, colour: string, size = 16): Html {
  return html`<svg class="icon" width="${size}" height="${size}" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path fill="${colour}" d="${path}"/></svg>`;
}

export const EMPTY = new Html('');
