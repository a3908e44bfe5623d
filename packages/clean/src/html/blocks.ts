import { findDates } from '../dates/find-dates.ts';
import { type FurnitureLexicon, furniture } from '../text/furniture.ts';
import { readsAsParagraph, tokenOverlap } from '../text/lines.ts';
import { matchTokens } from '../text/normalize.ts';
import type { TextBlock } from './serialize.ts';

export interface BlockPruneResult {
  readonly paragraphs: string[];
  /** A byline found at the top of the article ("By Jane Doe"). */
  readonly author?: string;
  /** A date line found at the top of the article, as YYYY-MM-DD. */
  readonly dateLine?: string;
}

/** Is this block only a date (and a few words around it, like "Published" or a weekday)? */
function dateOnly(text: string): string | undefined {
  const tokens = matchTokens(text);
  if (tokens.length === 0 || tokens.length > 10) return undefined;
  const date = findDates(text).find(
    (d) => d.year !== undefined && d.month !== undefined && d.day !== undefined,
  );
  if (date?.year === undefined || date.month === undefined || date.day === undefined) return undefined;
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/**
 * Text-level pruning of an extracted article's blocks: furniture lines of the lexicon (share
 * prompts, "read also", comment forms, cookie lines, photo credits) and sections it heads
 * ("Related articles", "You may also like" and the teasers under them) go, as do blocks that are
 * only a link (teasers) or a short credit line with ©, and a repeat of the title, a byline and a
 * bare date line at the top.
 */
export function pruneBlocks(
  blocks: readonly TextBlock[],
  title: string | undefined,
  lexicon: FurnitureLexicon = furniture(),
): BlockPruneResult {
  const titleTokens = title ? matchTokens(title) : [];
  const paragraphs: string[] = [];
  let author: string | undefined;
  let dateLine: string | undefined;
  let inSection = false;
  for (const [i, block] of blocks.entries()) {
    const text = block.text;
    const kind = lexicon.classify(text);
    if (kind === 'section') {
      inSection = true;
      continue;
    }
    if (kind === 'furniture') continue;
    if (isTeaserLink(block) || isCredit(text)) continue;
    if (inSection) {
      if (!readsAsParagraph(text, 25)) continue;
      inSection = false;
    }
    if (paragraphs.length < 3 && i < 6) {
      if (
        paragraphs.length === 0 &&
        titleTokens.length > 0 &&
        tokenOverlap(matchTokens(text), titleTokens) >= 0.9
      )
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
    paragraphs.push(text);
  }
  return { paragraphs, ...(author ? { author } : {}), ...(dateLine ? { dateLine } : {}) };
}

/** Text inside links, over the block's text. */
function linkShare(element: Element, textLength: number): number {
  let linked = 0;
  for (const a of element.getElementsByTagName('a'))
    linked += (a.textContent ?? '').replace(/\s+/gu, ' ').trim().length;
  return textLength === 0 ? 0 : linked / textLength;
}

const LEAF_BLOCKS = new Set(['P', 'LI', 'DIV', 'SPAN', 'H2', 'H3', 'H4', 'H5', 'H6', 'STRONG', 'EM', 'B']);

/**
 * A block that is nothing but a link to another page ("Related: …", a teaser headline, a
 * "click here to get the app" line): not the article's own text.
 */
function isTeaserLink(block: TextBlock): boolean {
  const el = block.element;
  if (!LEAF_BLOCKS.has(el.tagName)) return false;
  const words = block.text.split(/\s+/u).length;
  if (words > 30) return false;
  return linkShare(el, block.text.replace(/\s+/gu, ' ').length) >= 0.9;
}

/** A short line with a copyright sign: a photo credit or the site's copyright, not article text. */
function isCredit(text: string): boolean {
  return text.includes('©') && text.split(/\s+/u).length <= 12;
}
