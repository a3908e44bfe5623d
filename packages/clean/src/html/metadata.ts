import { findDates } from '../dates/find-dates.ts';
import { type DateCandidate, parseDateValue, partialDate } from '../dates/publication-date.ts';
import { articleObject, authorNames, parseJsonLd, publisherName, stringOf } from './json-ld.ts';

/** What a page says about itself in its head, JSON-LD and markup, read before Readability edits it. */
export interface PageMetadata {
  readonly title?: string;
  readonly author?: string;
  readonly siteName?: string;
  readonly canonicalUrl?: string;
  /** `<html lang>`, a hint only: the text decides the language. */
  readonly htmlLang?: string;
  /** Dates the markup gives (JSON-LD, meta tags, `<time>`), most trusted first. */
  readonly dates: DateCandidate[];
  /** Dates written in the page's date/byline elements, most trusted first. */
  readonly textDates: DateCandidate[];
  /** JSON-LD `articleBody` (a second opinion on the article's text). */
  readonly articleBody?: string;
  /** The page's description (og:description, description, JSON-LD). */
  readonly description?: string;
}

/** Meta tags that carry the publication date, most trusted first. */
const DATE_META = [
  'article:published_time',
  'og:article:published_time',
  'article.published',
  'datepublished',
  'date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'published_time',
  'dc.date.issued',
  'dc.date',
  'dcterms.issued',
  'dcterms.created',
  'dcterms.date',
  'sailthru.date',
  'parsely-pub-date',
  'article:created',
  'created',
  'og:updated_time',
  'article:modified_time',
];

const AUTHOR_META = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl'];

function resolveUrl(href: string | null | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base && /^https?:/i.test(base) ? base : undefined);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** "Jane Doe | Site" or "By Jane Doe": the name, without a leading "By". */
function cleanAuthor(name: string | undefined): string | undefined {
  const cleaned = name
    ?.replace(/\s+/gu, ' ')
    .replace(/^(?:by|par|von|автор:?|بقلم)\s+/iu, '')
    .trim();
  if (!cleaned || cleaned.length > 100 || /^https?:/i.test(cleaned)) return undefined;
  return cleaned;
}

/** Class/id words of elements whose text is the page's own date (date lines, bylines). */
const DATE_CLASS = /(?:^|[^a-z])(?:date|time|published|posted|byline|dateline|meta)(?:[^a-z]|$)/i;

/** The elements metadata is read from, found in one walk over the page (querySelectorAll per kind costs more). */
interface Collected {
  metas: Map<string, string>;
  ldScripts: string[];
  canonical?: string;
  authorLink?: string;
  timeValues: string[];
  dateTexts: string[];
  title?: string;
}

function collect(document: Document): Collected {
  const out: Collected = { metas: new Map(), ldScripts: [], timeValues: [], dateTexts: [] };
  const root = document.documentElement;
  if (!root) return out;
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop();
    if (!el) break;
    const tag = el.tagName;
    if (tag === 'META') {
      const key = (
        el.getAttribute('property') ??
        el.getAttribute('name') ??
        el.getAttribute('itemprop') ??
        ''
      )
        .trim()
        .toLowerCase();
      const content = el.getAttribute('content')?.trim();
      if (key && content && !out.metas.has(key)) out.metas.set(key, content);
      continue;
    }
    if (tag === 'SCRIPT') {
      if (/ld\+json/i.test(el.getAttribute('type') ?? '')) out.ldScripts.push(el.textContent ?? '');
      continue;
    }
    if (tag === 'LINK') {
      if (!out.canonical && (el.getAttribute('rel') ?? '').toLowerCase() === 'canonical')
        out.canonical = el.getAttribute('href') ?? undefined;
      continue;
    }
    if (tag === 'TITLE') {
      out.title ??= el.textContent?.trim();
      continue;
    }
    if (tag === 'TIME') {
      const value = el.getAttribute('datetime');
      if (value) out.timeValues.push(value);
    }
    const itemprop = el.getAttribute('itemprop');
    if (itemprop === 'datePublished') {
      const value = el.getAttribute('content') ?? el.getAttribute('datetime');
      if (value) out.timeValues.unshift(value);
    }
    if (tag === 'A' && !out.authorLink && el.getAttribute('rel') === 'author')
      out.authorLink = el.textContent ?? undefined;
    if (out.dateTexts.length < 20) {
      const marks = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
      if (tag === 'TIME' || itemprop === 'datePublished' || (marks.length > 1 && DATE_CLASS.test(marks))) {
        const text = el.textContent ?? '';
        if (text.length <= 200) out.dateTexts.push(text);
      }
    }
    const children = el.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  return out;
}

export function readMetadata(document: Document, url: string | undefined): PageMetadata {
  const found = collect(document);
  const metas = found.metas;
  const ld = articleObject(parseJsonLd(found.ldScripts));

  const dates: DateCandidate[] = [];
  const addDate = (raw: string | undefined | null): void => {
    const value = raw ? parseDateValue(raw) : undefined;
    if (value) dates.push({ value, source: 'meta' });
  };
  addDate(stringOf(ld?.datePublished));
  addDate(stringOf(ld?.dateCreated));
  for (const key of DATE_META) addDate(metas.get(key));
  for (const value of found.timeValues) addDate(value);
  addDate(stringOf(ld?.dateModified));

  const textDates: DateCandidate[] = [];
  for (const text of found.dateTexts) {
    const d = findDates(text).find(
      (x) => x.year !== undefined && x.month !== undefined && x.day !== undefined,
    );
    if (d?.year !== undefined && d.month !== undefined && d.day !== undefined)
      textDates.push({ value: partialDate(d.year, d.month, d.day), source: 'text' });
  }

  const ldAuthor = authorNames(ld?.author).join(', ');
  let author = cleanAuthor(ldAuthor || undefined);
  for (const key of AUTHOR_META) {
    if (author) break;
    author = cleanAuthor(metas.get(key));
  }
  author ??= cleanAuthor(found.authorLink);

  const title = stringOf(ld?.headline) ?? metas.get('og:title') ?? metas.get('twitter:title') ?? found.title;
  const siteName = metas.get('og:site_name') ?? publisherName(ld?.publisher) ?? metas.get('application-name');
  const canonicalUrl = resolveUrl(found.canonical, url) ?? resolveUrl(metas.get('og:url'), url);
  const htmlLang = document.documentElement?.getAttribute('lang')?.trim().toLowerCase() || undefined;
  const articleBody = stringOf(ld?.articleBody);
  const description =
    metas.get('og:description') ??
    metas.get('description') ??
    metas.get('twitter:description') ??
    stringOf(ld?.description);

  return {
    ...(title ? { title: title.replace(/\s+/gu, ' ').trim() } : {}),
    ...(author ? { author } : {}),
    ...(siteName ? { siteName: siteName.trim() } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
    ...(htmlLang ? { htmlLang } : {}),
    dates,
    textDates,
    ...(articleBody ? { articleBody } : {}),
    ...(description ? { description } : {}),
  };
}
