/**
 * A check of the block Readability chose, and a second opinion when it looks wrong.
 *
 * Readability scores blocks by their own text and commas; nothing tells it that the block with
 * the most prose is a consent notice, an author's bio, a comment thread or a list of links. What
 * the page says about itself elsewhere can: the paragraphs it shows, the markup around them, its
 * JSON-LD `articleBody`, its description and title. `suspicion` says why a candidate looks wrong
 * (or nothing); `pickOption` then scores the candidate against the alternatives by one documented
 * score (`scoreOption`), as trafilatura weighs its fallbacks.
 */
import { tokenize } from '../benchmark/shingle-score.ts';
import type { FurnitureLexicon } from '../text/furniture.ts';
import { wordCount } from '../text/lines.ts';
import { isFurnitureMarked } from './prune.ts';

/** One `<p>` of the page, read after page pruning and before Readability edits the page. */
export interface PageParagraph {
  readonly text: string;
  /** Inside an element whose markup names furniture that never wraps an article (consent, bio, comments…). */
  readonly furniture: boolean;
}

/** What the page says beside Readability's choice. */
export interface Evidence {
  readonly paragraphs: readonly PageParagraph[];
  /** All the text of the page's body (after page pruning), read when a check needs it. */
  readonly pageText: () => string;
  /** JSON-LD `articleBody`, as the page gives it. */
  readonly articleBody?: string;
  readonly description?: string;
  readonly title?: string;
}

export type OptionKind = 'readability' | 'json-ld' | 'density' | 'article' | 'paragraphs';

/** A possible article text and how linked its block was. */
export interface Option {
  readonly kind: OptionKind;
  readonly paragraphs: readonly string[];
  /** Letters inside links over all letters of the block (0 when it is not known). */
  readonly linkDensity: number;
}

const PARAGRAPH_WORDS = 8;

const collapse = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/** The page's `<p>` texts (whitespace collapsed, empty ones left out), each marked furniture or not. */
export function pageParagraphs(document: Document): PageParagraph[] {
  const out: PageParagraph[] = [];
  const marked = new Map<Element, boolean>();
  const insideFurniture = (el: Element | null): boolean => {
    const path: Element[] = [];
    let verdict = false;
    for (let cur = el; cur; cur = cur.parentElement) {
      const known = marked.get(cur);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      path.push(cur);
      if (isFurnitureMarked(cur)) {
        verdict = true;
        break;
      }
    }
    for (const seen of path) marked.set(seen, verdict);
    return verdict;
  };
  for (const p of document.getElementsByTagName('p')) {
    const text = collapse(p.textContent ?? '');
    if (text) out.push({ text, furniture: insideFurniture(p) });
  }
  return out;
}

/** Distinct words of four characters or more (shorter ones are mostly function words in every language). */
function tokenSet(text: string): Set<string> {
  return new Set(tokenize(text.toLowerCase()).filter((t) => t.length >= 4));
}

/** Share of the reference's words found in the text. */
function overlap(words: ReadonlySet<string>, text: string): number {
  if (words.size === 0) return 0;
  const tokens = tokenSet(text);
  let hit = 0;
  for (const t of words) if (tokens.has(t)) hit++;
  return hit / words.size;
}

/** What the article should resemble, and whether it is the article's whole text. */
interface Reference {
  readonly words: Set<string>;
  /** The JSON-LD body of 100 words or more, not cut short with an ellipsis: the whole text. */
  readonly whole: boolean;
}

/**
 * What the article should resemble: the JSON-LD body when it is a text (40 words or more),
 * else the description and the title together (six words of four characters or more); none
 * otherwise.
 */
function reference(evidence: Evidence): Reference | undefined {
  const body = evidence.articleBody;
  if (body && wordCount(body) >= 40)
    return { words: tokenSet(body), whole: wordCount(body) >= 100 && !/(?:…|\.\.\.)\s*$/u.test(body) };
  const summary = tokenSet(`${evidence.description ?? ''} ${evidence.title ?? ''}`);
  return summary.size >= 6 ? { words: summary, whole: false } : undefined;
}

/**
 * How well a text agrees with the reference: the share of the reference's words it holds, and,
 * when the reference is the whole text, times the share of its own words that the reference
 * holds (a block with the article and as much again of something else agrees half as well).
 */
function agreementWith(ref: Reference, text: string): number {
  const held = overlap(ref.words, text);
  if (!ref.whole) return held;
  const own = tokenSet(text);
  let inside = 0;
  for (const t of own) if (ref.words.has(t)) inside++;
  return held * (own.size === 0 ? 0 : inside / own.size);
}

function furnitureTexts(evidence: Evidence): Set<string> {
  return new Set(evidence.paragraphs.filter((p) => p.furniture).map((p) => p.text));
}

/** Share of the option's characters that the page shows inside furniture markup. */
function furnitureShare(paragraphs: readonly string[], evidence: Evidence): number {
  const furniture = furnitureTexts(evidence);
  if (furniture.size === 0) return 0;
  let total = 0;
  let inside = 0;
  for (const p of paragraphs) {
    total += p.length;
    if (furniture.has(collapse(p))) inside += p.length;
  }
  return total === 0 ? 0 : inside / total;
}

/**
 * The option without the paragraphs that the page shows inside furniture markup (a consent
 * notice or a bio that Readability took in with the article because they share a parent).
 */
export function withoutFurniture(option: Option, evidence: Evidence): Option {
  const furniture = furnitureTexts(evidence);
  if (furniture.size === 0) return option;
  const paragraphs = option.paragraphs.filter((p) => !furniture.has(collapse(p)));
  return paragraphs.length === option.paragraphs.length ? option : { ...option, paragraphs };
}

/** Characters of the page's own paragraphs (eight words or more, outside furniture markup). */
function pageProse(evidence: Evidence): number {
  let n = 0;
  for (const p of evidence.paragraphs)
    if (!p.furniture && wordCount(p.text) >= PARAGRAPH_WORDS) n += p.text.length;
  return n;
}

/**
 * Why Readability's candidate looks wrong, or undefined when nothing says so:
 * - `empty`: no text at all;
 * - `links`: half of its letters or more are inside links;
 * - `furniture`: half of its text or more sits, on the page, inside furniture markup (a consent
 *   notice, a bio, comments, a related box);
 * - `short`: under 30% of the page's own paragraph text (when the page has 1,000 characters of
 *   it), unless it holds half of the reference's words or more (a short article on a page of
 *   long teasers is still the article);
 * - `disagrees`: it holds under 30% of the reference's words (JSON-LD body, else description
 *   and title) while the page's text holds 60% or more of them;
 * - `bloated`: the JSON-LD body is the whole text and the candidate agrees with it less than
 *   half (`agreementWith`): it holds much else beside, or much of it is missing.
 */
export function suspicion(candidate: Option, evidence: Evidence): string | undefined {
  const text = candidate.paragraphs.join('\n');
  if (text.trim() === '') return 'empty';
  if (candidate.linkDensity >= 0.5) return 'links';
  if (furnitureShare(candidate.paragraphs, evidence) >= 0.5) return 'furniture';
  const ref = reference(evidence);
  const held = ref ? overlap(ref.words, text) : undefined;
  const prose = pageProse(evidence);
  if (prose >= 1000 && text.length < prose * 0.3 && (held === undefined || held < 0.5)) return 'short';
  if (ref && held !== undefined && held < 0.3 && overlap(ref.words, evidence.pageText()) >= 0.6)
    return 'disagrees';
  if (ref?.whole && agreementWith(ref, text) < 0.5) return 'bloated';
  return undefined;
}

/**
 * The score of a possible article text:
 *
 *   √characters × (1 − link density) × (1 − furniture share)² × agreement² × incumbency
 *
 * where agreement = 0.25 + 0.75 × `agreementWith` the reference when the page gives one (else 1);
 * incumbency = 1.25 for Readability's own candidate (it is right on most pages, so another option
 * must beat it clearly), 0.5 for the page's paragraphs taken whole (the last resort: they hold
 * the article and every other paragraph of the page), 1 for the others. Length counts under a
 * square root: a block four times longer than another needs half its agreement only to tie, so
 * a long consent notice or comment thread does not outweigh a short article that the page's own
 * summary describes.
 */
export function scoreOption(option: Option, evidence: Evidence): number {
  const text = option.paragraphs.join('\n');
  if (text.trim() === '') return 0;
  const ref = reference(evidence);
  const agreement = ref ? 0.25 + 0.75 * agreementWith(ref, text) : 1;
  const incumbency = option.kind === 'readability' ? 1.25 : option.kind === 'paragraphs' ? 0.5 : 1;
  const clean = 1 - furnitureShare(option.paragraphs, evidence);
  return (
    Math.sqrt(text.length) * (1 - option.linkDensity) * clean * clean * agreement * agreement * incumbency
  );
}

/** The option with the best score (the first on a tie). */
export function pickOption(options: readonly Option[], evidence: Evidence): Option | undefined {
  let best: Option | undefined;
  let bestScore = -1;
  for (const option of options) {
    const score = scoreOption(option, evidence);
    if (score > bestScore) {
      best = option;
      bestScore = score;
    }
  }
  return best;
}

/** JSON-LD `articleBody` as paragraphs: tags stripped, one paragraph a line. */
export function jsonLdParagraphs(articleBody: string | undefined): string[] {
  if (!articleBody) return [];
  return articleBody
    .replace(/<\/(?:p|div|h[1-6]|li)>|<br\s*\/?>/giu, '\n')
    .replace(/<[^>]+>/gu, ' ')
    .split(/\n+/u)
    .map(collapse)
    .filter(Boolean);
}

/**
 * The page's paragraphs as the last resort, never empty when the page has a `<p>` with text:
 * those of eight words or more outside furniture markup that the lexicon reads as text; else
 * those of three words or more outside furniture markup; else every non-empty one.
 */
export function paragraphFallback(evidence: Evidence, lexicon: FurnitureLexicon): string[] {
  const own = evidence.paragraphs.filter((p) => !p.furniture);
  const prose = own
    .filter((p) => wordCount(p.text) >= PARAGRAPH_WORDS && lexicon.classify(p.text) === 'text')
    .map((p) => p.text);
  if (prose.length > 0) return prose;
  const short = own.filter((p) => wordCount(p.text) >= 3).map((p) => p.text);
  if (short.length > 0) return short;
  return evidence.paragraphs.map((p) => p.text);
}

const BLOCK_CHILDREN = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'UL', 'OL', 'TABLE', 'BLOCKQUOTE', 'PRE']);

/** A child that reads as one paragraph: a `<p>`, or a div of 80 characters or more with no block inside. */
function paragraphChars(child: Element): number {
  if (child.tagName === 'P') return (child.textContent ?? '').trim().length;
  if (child.tagName !== 'DIV') return 0;
  for (const inner of child.children) if (BLOCK_CHILDREN.has(inner.tagName)) return 0;
  const length = (child.textContent ?? '').trim().length;
  return length >= 80 ? length : 0;
}

/**
 * Paragraph density: the elements whose own paragraph children hold the most text, furniture
 * markup left out (the usual shape of an article body: a container of paragraphs) — the best
 * `count`, none inside another.
 */
export function denseBlocks(body: Element, count = 3): Element[] {
  const scored: { el: Element; chars: number }[] = [];
  const stack: Element[] = [body];
  while (stack.length > 0) {
    const el = stack.pop();
    if (!el) break;
    if (el !== body && isFurnitureMarked(el)) continue;
    let own = 0;
    for (const child of el.children) {
      own += paragraphChars(child);
      stack.push(child);
    }
    if (own > 0) scored.push({ el, chars: own });
  }
  scored.sort((a, b) => b.chars - a.chars);
  const chosen: Element[] = [];
  for (const { el } of scored) {
    if (chosen.length >= count) break;
    if (chosen.some((c) => c.contains(el) || el.contains(c))) continue;
    chosen.push(el);
  }
  return chosen;
}

/** The article's own markup: `[itemprop=articleBody]`, else the `<article>` with the most text, else `<main>`. */
export function articleBlock(document: Document): Element | undefined {
  const marked = document.querySelector('[itemprop="articleBody"]');
  if (marked && !isFurnitureMarked(marked)) return marked;
  let best: Element | undefined;
  let bestLength = 0;
  for (const article of document.getElementsByTagName('article')) {
    if (isFurnitureMarked(article)) continue;
    const length = (article.textContent ?? '').length;
    if (length > bestLength) {
      best = article;
      bestLength = length;
    }
  }
  return best ?? document.querySelector('main') ?? undefined;
}

/** Letters inside links over all letters of an element. */
export function linkDensity(el: Element): number {
  const letters = (s: string): number => s.match(/\p{L}/gu)?.length ?? 0;
  const total = letters(el.textContent ?? '');
  if (total === 0) return 0;
  let linked = 0;
  for (const a of el.getElementsByTagName('a')) linked += letters(a.textContent ?? '');
  return Math.min(1, linked / total);
}
