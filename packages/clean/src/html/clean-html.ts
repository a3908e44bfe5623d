import type { DateCandidate } from '../dates/publication-date.ts';
import { furniture } from '../text/furniture.ts';
import { pruneBlocks } from './blocks.ts';
import { readMetadata } from './metadata.ts';
import { type DomMethod, type ParsedDom, parseWithJsdom, parseWithLinkedom } from './parse-dom.ts';
import { prepass } from './prepass.ts';
import { pruneContent, prunePage } from './prune.ts';
import { charThresholdFor, runReadability } from './readability.ts';
import { serializeBlocks } from './serialize.ts';

/** What the HTML reader finds in a page, before language, dates and relevance are decided. */
export interface HtmlArticle {
  readonly title: string;
  readonly paragraphs: string[];
  readonly author?: string;
  readonly siteName?: string;
  readonly canonicalUrl?: string;
  readonly htmlLang?: string;
  /** Dates from markup (source meta), then written dates (source text), most trusted first. */
  readonly dates: DateCandidate[];
  /** `readability+linkedom`, `readability+jsdom`, or `paragraphs+…` when Readability found nothing. */
  readonly method: string;
}

export interface HtmlOptions {
  readonly url?: string;
  /** Fewer characters than this from linkedom sends the page to jsdom too. */
  readonly minChars?: number;
  /** The DOM parsers to try, in order (default linkedom, then jsdom). */
  readonly parsers?: readonly DomMethod[];
  /** Test hook: replaces how a parser builds its DOM. */
  readonly parse?: Partial<Record<DomMethod, (html: string, url?: string) => ParsedDom>>;
}

const DEFAULT_MIN_CHARS = 200;

function textChars(paragraphs: readonly string[]): number {
  let n = 0;
  for (const p of paragraphs) n += p.length;
  return n;
}

/** "Title | Site" / "Title - Site" → "Title", when the suffix is the site's name. */
function stripSiteSuffix(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  const m = /^(.*\S)\s*[|\-–—:•·»]\s*([^|\-–—:•·»]+)$/u.exec(title);
  if (m?.[1] && m[2] && m[2].trim().toLowerCase() === siteName.trim().toLowerCase()) return m[1];
  return title;
}

/**
 * Every `<p>` of the body with a sentence in it and no furniture: the last resort when
 * Readability finds nothing.
 */
function paragraphsOf(document: Document): string[] {
  const lexicon = furniture();
  const out: string[] = [];
  for (const p of document.querySelectorAll('p')) {
    const text = (p.textContent ?? '').replace(/\s+/gu, ' ').trim();
    if (text.split(' ').length >= 8 && lexicon.classify(text) === 'text') out.push(text);
  }
  return out;
}

interface Attempt {
  readonly article: HtmlArticle;
  readonly chars: number;
}

function attempt(dom: ParsedDom, html: string, url: string | undefined): Attempt {
  const { document } = dom;
  const meta = readMetadata(document, url);
  prunePage(document);
  const result = runReadability(document, charThresholdFor(html));
  let paragraphs: string[] = [];
  let author = meta.author;
  const dates = [...meta.dates];
  let method = `readability+${dom.method}`;
  const title = stripSiteSuffix(meta.title ?? result?.title ?? '', meta.siteName);
  if (result) {
    pruneContent(result.content);
    const pruned = pruneBlocks(serializeBlocks(result.content), title);
    paragraphs = pruned.paragraphs;
    author ??= pruned.author ?? cleanByline(result.byline);
    if (pruned.dateLine) dates.push({ value: pruned.dateLine, source: 'text' });
  }
  if (paragraphs.length === 0) {
    paragraphs = paragraphsOf(document);
    method = `paragraphs+${dom.method}`;
  }
  dates.push(...meta.textDates);
  const article: HtmlArticle = {
    title,
    paragraphs,
    ...(author ? { author } : {}),
    ...(meta.siteName ? { siteName: meta.siteName } : {}),
    ...(meta.canonicalUrl ? { canonicalUrl: meta.canonicalUrl } : {}),
    ...(meta.htmlLang ? { htmlLang: meta.htmlLang } : {}),
    dates,
    method,
  };
  return { article, chars: textChars(paragraphs) };
}

function cleanByline(byline: string | undefined): string | undefined {
  const text = byline?.replace(/\s+/gu, ' ').trim();
  if (!text || text.length > 100) return undefined;
  return text.replace(/^(?:by|par|автор:?|بقلم)\s+/iu, '');
}

const parsers: Record<DomMethod, (html: string, url?: string) => ParsedDom> = {
  linkedom: (html) => parseWithLinkedom(html),
  jsdom: (html, url) => parseWithJsdom(html, url),
};

/**
 * A page's HTML → its article. Readability over linkedom first (fast); jsdom when linkedom
 * throws or gives less than `minChars` of text, keeping whichever found more.
 */
export function cleanHtml(html: string, options: HtmlOptions = {}): HtmlArticle {
  const source = prepass(html);
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  let best: Attempt | undefined;
  let lastError: unknown;
  for (const method of options.parsers ?? (['linkedom', 'jsdom'] as const)) {
    let dom: ParsedDom | undefined;
    try {
      dom = (options.parse?.[method] ?? parsers[method])(source, options.url);
      const current = attempt(dom, source, options.url);
      if (!best || current.chars > best.chars) best = current;
    } catch (error) {
      lastError = error;
    } finally {
      dom?.close();
    }
    if (best && best.chars >= minChars) break;
  }
  if (!best) throw new HtmlCleaningError('no DOM could read this page', { cause: lastError });
  return best.article;
}

export class HtmlCleaningError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HtmlCleaningError';
  }
}
