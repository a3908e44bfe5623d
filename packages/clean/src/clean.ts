import { UNREADABLE_MAX_SHARE, unreadableShare, withoutNuls } from '@dyad/contracts';
import type { Profile } from '@dyad/knowledge';
import {
  type DateCandidate,
  dateFromUrl,
  inferReferenceDate,
  type PublishedAt,
  parseDateValue,
  pickPublicationDate,
} from './dates/publication-date.ts';
import { cleanHtml } from './html/clean-html.ts';
import { detectLanguage } from './lang/detect.ts';
import { type RelevanceResult, relevanceModel, scoreRelevance } from './relevance/score.ts';
import { readPlainText } from './text/plain-text.ts';

/** A fetched page or collected text, as the cleaner needs it. */
export interface CleanInput {
  readonly body: string;
  /** MIME type without parameters: text/html, application/xhtml+xml or text/plain. */
  readonly contentType: string;
  readonly url?: string;
  /** When the page was fetched (ISO): the only clock the core knows; no date may be later. */
  readonly fetchedAt: string;
  /** What the feed said about the item, when it came from one. */
  readonly feed?: { readonly title?: string; readonly publishedAt?: string };
}

export interface CleanOptions {
  /** The dyad: relevance and the Latin-script languages the detector may answer. */
  readonly profile: Profile;
  /** Fewer characters than this from linkedom sends an HTML page to jsdom too. */
  readonly minChars?: number;
}

export interface CleanResult {
  readonly title: string;
  /** The paragraphs joined by blank lines. */
  readonly text: string;
  readonly paragraphs: string[];
  readonly lang: string;
  readonly publishedAt: PublishedAt;
  readonly author?: string;
  readonly siteName?: string;
  readonly canonicalUrl?: string;
  readonly relevance: RelevanceResult;
  /** `plain-text`, `readability+linkedom`, `readability+jsdom`, `paragraphs+…`. */
  readonly method: string;
}

export class UnsupportedContentError extends Error {
  readonly contentType: string;
  constructor(contentType: string) {
    super(`unsupported content type ${contentType || '(none)'}: the cleaner reads HTML and plain text`);
    this.name = 'UnsupportedContentError';
    this.contentType = contentType;
  }
}

/** A body that is not text: binary data, or bytes decoded with a charset they are not in. */
export class UnreadableContentError extends UnsupportedContentError {
  readonly share: number;
  constructor(contentType: string, share: number) {
    super(contentType);
    this.message = `not text: ${(share * 100).toFixed(1)}% of the body is undecodable bytes or control characters (binary data, or a wrong charset)`;
    this.name = 'UnreadableContentError';
    this.share = share;
  }
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const TEXT_TYPES = new Set(['text/plain']);

function kindOf(contentType: string, body: string): 'html' | 'text' {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (HTML_TYPES.has(type)) return 'html';
  if (TEXT_TYPES.has(type)) return 'text';
  // Servers that say nothing useful: sniff the first bytes as browsers do.
  if (
    (type === '' || type === 'application/octet-stream') &&
    /^\s*(?:<!doctype html|<html|<head|<body)/i.test(body.slice(0, 512))
  )
    return 'html';
  throw new UnsupportedContentError(type);
}

/** Latin-script languages of a profile that the detector may answer. */
function latinLanguages(profile: Profile): string[] {
  return profile.languages.filter((lang) => lang === 'fr' || lang === 'en');
}

/** A title for a text that has none: its first words, cut at a word boundary. */
function titleFromText(paragraphs: readonly string[]): string {
  const first = paragraphs[0] ?? '';
  if (first.length <= 120) return first;
  const cut = first.slice(0, 120);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).trim()}…`;
}

/**
 * A fetched page (HTML) or collected text → the article: title, paragraphs, language,
 * publication date (markup, feed, URL, written date, else inferred from the text and marked so,
 * never after the fetch), author, site, canonical URL and relevance to the profile's dyad.
 * Pure: no network, no clock but `fetchedAt`.
 */
export function cleanArticle(raw: CleanInput, options: CleanOptions): CleanResult {
  const share = unreadableShare(raw.body);
  if (share > UNREADABLE_MAX_SHARE) throw new UnreadableContentError(raw.contentType, share);
  // NULs are no text's (PostgreSQL cannot store them): removed, with the feed's title's.
  const feedTitle = raw.feed?.title === undefined ? undefined : withoutNuls(raw.feed.title);
  const input: CleanInput = {
    ...raw,
    body: withoutNuls(raw.body),
    ...(raw.feed ? { feed: { ...raw.feed, ...(feedTitle === undefined ? {} : { title: feedTitle }) } } : {}),
  };
  const kind = kindOf(input.contentType, input.body);
  const { profile } = options;
  const feedDate = input.feed?.publishedAt ? parseDateValue(input.feed.publishedAt) : undefined;
  const urlDate = dateFromUrl(input.url);

  let title: string;
  let paragraphs: string[];
  let author: string | undefined;
  let siteName: string | undefined;
  let canonicalUrl: string | undefined;
  let htmlLang: string | undefined;
  let method: string;
  let markupDates: DateCandidate[] = [];
  let textDates: DateCandidate[] = [];
  if (kind === 'html') {
    const article = cleanHtml(input.body, {
      ...(input.url ? { url: input.url } : {}),
      ...(options.minChars !== undefined ? { minChars: options.minChars } : {}),
    });
    ({ title, paragraphs, author, siteName, canonicalUrl, htmlLang, method } = article);
    markupDates = article.dates.filter((d) => d.source === 'meta');
    textDates = article.dates.filter((d) => d.source === 'text');
  } else {
    const article = readPlainText(input.body);
    ({ title, paragraphs, author } = article);
    if (article.headerDate) markupDates = [{ value: article.headerDate, source: 'meta' }];
    method = 'plain-text';
  }
  if (!title) title = input.feed?.title?.trim() || titleFromText(paragraphs);

  const text = paragraphs.join('\n\n');
  let lang = detectLanguage(`${title}\n${text}`, { latinLanguages: latinLanguages(profile) });
  const hinted = htmlLang?.split('-')[0];
  if (lang === 'und' && hinted && (profile.languages as readonly string[]).includes(hinted)) lang = hinted;

  const candidates: DateCandidate[] = [
    ...markupDates,
    ...(feedDate ? [{ value: feedDate, source: 'feed' as const }] : []),
    ...(urlDate ? [{ value: urlDate, source: 'url' as const }] : []),
    ...textDates,
  ];
  let publishedAt = pickPublicationDate(candidates, input.fetchedAt);
  if (publishedAt.value === null) {
    const inferred = inferReferenceDate(text, input.fetchedAt, { monthFirst: lang === 'en' });
    if (inferred) publishedAt = { value: inferred, source: 'inferred' };
  }

  return {
    title,
    text,
    paragraphs,
    lang,
    publishedAt,
    ...(author ? { author } : {}),
    ...(siteName ? { siteName } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
    relevance: scoreRelevance({ title, paragraphs, lang }, relevanceModel(profile)),
    method,
  };
}
