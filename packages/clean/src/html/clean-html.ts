import { foldedWords } from '@dyad/text';
import type { DateCandidate } from '../dates/publication-date.ts';
import { furniture } from '../text/furniture.ts';
import { pruneBlocks } from './blocks.ts';
import { type PageMetadata, readMetadata } from './metadata.ts';
import { type DomMethod, type ParsedDom, parseWithJsdom, parseWithLinkedom } from './parse-dom.ts';
import { prepass } from './prepass.ts';
import { pruneBeforeHeadline, pruneContent, prunePage } from './prune.ts';
import { charThresholdFor, runReadability } from './readability.ts';
import {
  articleBlock,
  denseBlocks,
  type Evidence,
  jsonLdParagraphs,
  linkDensity,
  type Option,
  type OptionKind,
  pageParagraphs,
  paragraphFallback,
  pickOption,
  suspicion,
  withoutFurniture,
} from './second-opinion.ts';
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
  /**
   * What gave the text, then the DOM: `readability+linkedom|jsdom`, or, when the check found
   * Readability's choice wrong, the second opinion that won (`json-ld+…`, `density+…`,
   * `article+…`, `paragraphs+…`).
   */
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

interface Attempt {
  readonly article: HtmlArticle;
  readonly chars: number;
}

/** An element's article text: content pruning by markup, block text, block pruning. */
function textOf(root: Element, title: string): ReturnType<typeof pruneBlocks> {
  pruneContent(root);
  return pruneBlocks(serializeBlocks(root), title);
}

/**
 * The alternatives to Readability's choice, from a fresh DOM of the same page (Readability has
 * edited the first): JSON-LD `articleBody`, the densest block of paragraphs, the article's own
 * markup, and the page's paragraphs.
 */
function alternatives(fresh: ParsedDom | undefined, evidence: Evidence, title: string): Option[] {
  const options: Option[] = [];
  const fromJson = jsonLdParagraphs(evidence.articleBody);
  if (fromJson.length > 0) options.push({ kind: 'json-ld', paragraphs: fromJson, linkDensity: 0 });
  if (fresh) {
    const { document } = fresh;
    const blocks: [OptionKind, Element | undefined][] = [
      ...(document.body ? denseBlocks(document.body) : []).map((el): [OptionKind, Element] => [
        'density',
        el,
      ]),
      ['article', articleBlock(document)],
    ];
    for (const [kind, block] of blocks) {
      if (!block) continue;
      const density = linkDensity(block);
      options.push({ kind, paragraphs: textOf(block, title).paragraphs, linkDensity: density });
    }
  }
  options.push({ kind: 'paragraphs', paragraphs: paragraphFallback(evidence, furniture()), linkDensity: 0 });
  return options;
}

function attempt(dom: ParsedDom, html: string, url: string | undefined, reparse: () => ParsedDom): Attempt {
  const { document } = dom;
  const meta = readMetadata(document, url);
  prunePage(document);
  const title = stripSiteSuffix(meta.title ?? '', meta.siteName);
  const titleTokens = foldedWords(title);
  pruneBeforeHeadline(document, titleTokens);
  // A second DOM of the page, pruned the same way, built only when the check needs one
  // (Readability edits the first).
  let fresh: ParsedDom | undefined;
  let freshFailed = false;
  const freshDom = (): ParsedDom | undefined => {
    if (fresh || freshFailed) return fresh;
    try {
      fresh = reparse();
      prunePage(fresh.document);
      pruneBeforeHeadline(fresh.document, titleTokens);
    } catch {
      freshFailed = true;
    }
    return fresh;
  };
  let pageText: string | undefined;
  // Read before Readability edits the page: the second opinion compares its choice with these.
  const evidence: Evidence = {
    paragraphs: pageParagraphs(document),
    pageText: () => {
      pageText ??= freshDom()?.document.body?.textContent ?? '';
      return pageText;
    },
    ...(meta.articleBody ? { articleBody: meta.articleBody } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    ...(title ? { title } : {}),
  };
  try {
    return readArticle(dom, html, meta, title, evidence, freshDom);
  } finally {
    fresh?.close();
  }
}

function readArticle(
  dom: ParsedDom,
  html: string,
  meta: PageMetadata,
  title: string,
  evidence: Evidence,
  freshDom: () => ParsedDom | undefined,
): Attempt {
  const result = runReadability(dom.document, charThresholdFor(html), {
    linkedom: dom.method === 'linkedom',
  });
  const fullTitle = title || stripSiteSuffix(result?.title ?? '', meta.siteName);
  let author = meta.author;
  const dates = [...meta.dates];
  let candidate: Option = { kind: 'readability', paragraphs: [], linkDensity: 0 };
  if (result) {
    const density = linkDensity(result.content);
    const pruned = textOf(result.content, fullTitle);
    candidate = { kind: 'readability', paragraphs: pruned.paragraphs, linkDensity: density };
    author ??= pruned.author ?? cleanByline(result.byline);
    if (pruned.dateLine) dates.push({ value: pruned.dateLine, source: 'text' });
  }
  let chosen = candidate;
  if (suspicion(candidate, evidence)) {
    // A second opinion: the candidate without what the page shows as furniture, and the
    // alternatives read from a fresh DOM of the page; the best by `scoreOption` wins.
    const options = [
      candidate,
      withoutFurniture(candidate, evidence),
      ...alternatives(freshDom(), evidence, fullTitle),
    ];
    chosen = pickOption(options, evidence) ?? candidate;
  }
  dates.push(...meta.textDates);
  const paragraphs = [...chosen.paragraphs];
  const article: HtmlArticle = {
    title: fullTitle,
    paragraphs,
    ...(author ? { author } : {}),
    ...(meta.siteName ? { siteName: meta.siteName } : {}),
    ...(meta.canonicalUrl ? { canonicalUrl: meta.canonicalUrl } : {}),
    ...(meta.htmlLang ? { htmlLang: meta.htmlLang } : {}),
    dates,
    method: `${chosen.kind}+${dom.method}`,
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
      const parse = options.parse?.[method] ?? parsers[method];
      dom = parse(source, options.url);
      const current = attempt(dom, source, options.url, () => parse(source, options.url));
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
