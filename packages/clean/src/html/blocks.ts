import { foldedWords } from '@dyad/text';
import { findDates } from '../dates/find-dates.ts';
import { type FurnitureLexicon, furniture } from '../text/furniture.ts';
import { endsLikeSentence, readsAsParagraph, tokenOverlap, wordCount } from '../text/lines.ts';
import type { TextBlock } from './serialize.ts';

export interface BlockPruneResult {
  readonly paragraphs: string[];
  /** A byline found at the top of the article ("By Jane Doe"). */
  readonly author?: string;
  /** A date line found at the top of the article, as YYYY-MM-DD. */
  readonly dateLine?: string;
}

const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/u;

/**
 * Is this block only a date (and a few words around it, like "Published", a weekday or the
 * author's name: "Jane Doe · 2025-03-03")?
 */
function dateOnly(text: string): string | undefined {
  const tokens = foldedWords(text);
  if (tokens.length === 0 || tokens.length > 10) return undefined;
  const iso = ISO_DAY.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const date = findDates(text).find(
    (d) => d.year !== undefined && d.month !== undefined && d.day !== undefined,
  );
  if (date?.year === undefined || date.month === undefined || date.day === undefined) return undefined;
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Heading elements: a block of one of these is a (sub)heading of what follows it. */
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** A block that heads what follows: a heading element, or a short line that is all bold. */
function isHeading(block: TextBlock): boolean {
  const el = block.element;
  if (HEADINGS.has(el.tagName)) return true;
  if (wordCount(block.text) > 12 || endsLikeSentence(block.text)) return false;
  const only = el.children.length === 1 ? el.children[0] : undefined;
  return (
    only !== undefined &&
    (only.tagName === 'STRONG' || only.tagName === 'B') &&
    (only.textContent ?? '').trim() === (el.textContent ?? '').trim()
  );
}

/**
 * Where the article begins: the `<h1>` (an `<h2>` once Readability has renamed it) that repeats the title, when it comes among the first
 * blocks with less than 40% of the text before it. Whatever comes before the headline is the
 * page's, not the article's (a consent notice, a kicker, a column of links or a calendar that
 * Readability took in with the article because they share a parent). Otherwise 0.
 */
function articleStart(blocks: readonly TextBlock[], titleTokens: readonly string[]): number {
  if (titleTokens.length === 0) return 0;
  const total = blocks.reduce((n, b) => n + b.text.length, 0);
  let before = 0;
  for (const [i, block] of blocks.entries()) {
    if (before > total * 0.4 || i > blocks.length / 2) return 0;
    if (
      i > 0 &&
      (block.element.tagName === 'H1' || block.element.tagName === 'H2') &&
      wordCount(block.text) <= 40 &&
      tokenOverlap(foldedWords(block.text), titleTokens) >= 0.9
    )
      return i;
    before += block.text.length;
  }
  return 0;
}

/**
 * Text-level pruning of an extracted article's blocks, step by step:
 *
 * 1. the headline: blocks before a repeat of the title go (`articleStart`);
 * 2. furniture lines of the lexicon (share prompts, "read also", comment forms, cookie lines,
 *    photo credits) and the sections they head ("Related articles", "You may also like" and the
 *    teasers under them) go;
 * 3. link blocks: a block that is only a link (a teaser), or a line of five links or more with
 *    little text between them (a menu, a list of sections), goes; so do short © credit lines;
 * 4. the top of the article, before its first sentence: a repeat of the title, a byline, a date
 *    line ("March 3, 2025", "Jane Doe · 2025-03-03"), and short lines without a sentence (view
 *    counters, reading times, a category) go, their byline and date kept;
 * 5. headings left with nothing under them (their section was furniture) go.
 */
export function pruneBlocks(
  blocks: readonly TextBlock[],
  title: string | undefined,
  lexicon: FurnitureLexicon = furniture(),
): BlockPruneResult {
  const titleTokens = title ? foldedWords(title) : [];
  const kept: { text: string; heading: boolean }[] = [];
  let author: string | undefined;
  let dateLine: string | undefined;
  let inSection = false;
  let sentenceSeen = false;
  const start = articleStart(blocks, titleTokens);
  for (const [i, block] of blocks.entries()) {
    if (i < start) continue;
    const text = block.text;
    const kind = lexicon.classify(text);
    if (kind === 'section') {
      inSection = true;
      continue;
    }
    if (kind === 'furniture') continue;
    const links = linksOf(block);
    if (isTeaserLink(block, links) || isLinkLine(links) || isCredit(text)) continue;
    if (inSection) {
      if (!readsAsParagraph(text, 25)) continue;
      inSection = false;
    }
    if (kept.length < 3 && i - start < 6) {
      if (kept.length === 0 && titleTokens.length > 0 && tokenOverlap(foldedWords(text), titleTokens) >= 0.9)
        continue;
      const name = lexicon.bylineName(text);
      if (name) {
        author ??= name;
        continue;
      }
      const date = dateOnly(text);
      if (date) {
        dateLine ??= date;
        continue;
      }
    }
    if (!sentenceSeen && i - start < 8 && isMetaLine(block)) continue;
    if (endsLikeSentence(text) || wordCount(text) > 12) sentenceSeen = true;
    kept.push({ text, heading: isHeading(block) });
  }
  const paragraphs = kept
    .filter((block, i) => !block.heading || kept.slice(i + 1).some((next) => !next.heading))
    .map((block) => block.text);
  return { paragraphs, ...(author ? { author } : {}), ...(dateLine ? { dateLine } : {}) };
}

interface Links {
  readonly count: number;
  /** Letters inside links over the block's letters (digits, times and separators do not count). */
  readonly share: number;
}

const letters = (text: string): number => text.match(/\p{L}/gu)?.length ?? 0;

/**
 * The links of a short block (60 words or fewer, of a leaf block element), walked once; none for
 * other blocks. More linked letters than the block has means the element holds other blocks too:
 * then they are not this block's.
 */
function linksOf(block: TextBlock): Links {
  const el = block.element;
  if (!LEAF_BLOCKS.has(el.tagName) || wordCount(block.text) > 60) return { count: 0, share: 0 };
  const anchors = el.getElementsByTagName('a');
  if (anchors.length === 0) return { count: 0, share: 0 };
  let linked = 0;
  for (const a of anchors) linked += letters(a.textContent ?? '');
  const total = letters(block.text);
  if (total === 0 || linked > total * 1.05) return { count: 0, share: 0 };
  return { count: anchors.length, share: Math.min(1, linked / total) };
}

const LEAF_BLOCKS = new Set([
  'P',
  'LI',
  'DIV',
  'SPAN',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'STRONG',
  'EM',
  'B',
  'TR',
  'DD',
  'DT',
]);

/**
 * A block that is nothing but a link to another page ("Related: …", a teaser headline, a
 * "click here to get the app" line, "10:32 Another headline"): not the article's own text.
 */
function isTeaserLink(block: TextBlock, links: Links): boolean {
  return links.share >= 0.9 && wordCount(block.text) <= 30;
}

/** A line of five links or more, most of its letters linked: a menu or a list of sections. */
function isLinkLine(links: Links): boolean {
  return links.count >= 5 && links.share >= 0.6;
}

/** A short line with a copyright sign: a photo credit or the site's copyright, not article text. */
function isCredit(text: string): boolean {
  return text.includes('©') && text.split(/\s+/u).length <= 12;
}

/**
 * A short line at the top of an article that is not a sentence and not a heading: a view
 * counter ("43 views"), a reading time, a category or a "tell a friend" prompt.
 */
function isMetaLine(block: TextBlock): boolean {
  const tag = block.element.tagName;
  if (HEADINGS.has(tag) || tag === 'LI' || tag === 'DD' || tag === 'TD') return false;
  return wordCount(block.text) <= 5 && !endsLikeSentence(block.text);
}
