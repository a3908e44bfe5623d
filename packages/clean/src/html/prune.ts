import { foldedWords } from '@dyad/text';
import { z } from 'zod';
import htmlFurnitureData from '../data/html-furniture.json' with { type: 'json' };
import { tokenOverlap } from '../text/lines.ts';

/** data/html-furniture.json: class/id words, roles and tags of page furniture. */
export const HtmlFurniture = z.object({
  pageTags: z.array(z.string().regex(/^[A-Z0-9]+$/)).min(1),
  pageRoles: z.array(z.string().min(1)).min(1),
  classWords: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1),
  captionWords: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1),
  roles: z.array(z.string().min(1)).min(1),
  tags: z.array(z.string().regex(/^[A-Z0-9]+$/)).min(1),
});
export type HtmlFurniture = z.infer<typeof HtmlFurniture>;

const data = HtmlFurniture.parse(htmlFurnitureData);
const CLASS_WORDS = new Set([...data.classWords, ...data.captionWords]);
const ROLES = new Set(data.roles);
const TAGS = new Set(data.tags);
const PAGE_TAGS = new Set(data.pageTags);
const PAGE_ROLES = new Set(data.pageRoles);

/**
 * Drops the page's own furniture before Readability runs: site header, navigation, footer,
 * sidebars, by tag, ARIA role or aria-hidden. Readability would score and walk them all, and
 * drops asides and footers from its result anyway. Metadata (bylines, dates in an article's
 * header) is read before this.
 */
export function prunePage(document: Document): number {
  const body = document.body;
  if (!body) return 0;
  const doomed: Element[] = [];
  const stack: Element[] = [...body.children];
  while (stack.length > 0) {
    const el = stack.pop();
    if (!el) break;
    const role = el.getAttribute('role');
    if (
      PAGE_TAGS.has(el.tagName) ||
      (role && PAGE_ROLES.has(role.toLowerCase())) ||
      el.getAttribute('aria-hidden') === 'true'
    ) {
      doomed.push(el);
      continue;
    }
    for (const child of el.children) stack.push(child);
  }
  for (const el of doomed) el.remove();
  return doomed.length;
}

/**
 * The page above the article's headline: when exactly one `<h1>` repeats the title, whatever
 * comes before it in the page — each earlier sibling of the headline and of its ancestors: a
 * consent notice, a menu, a kicker, a column of links or a calendar — goes, unless that is 40% of
 * the body's text or more (then the page is not shaped so). Readability would otherwise take
 * such blocks in with the article when they share a parent with it.
 */
export function pruneBeforeHeadline(document: Document, titleTokens: readonly string[]): number {
  const body = document.body;
  if (!body || titleTokens.length === 0) return 0;
  const headlines = [...body.getElementsByTagName('h1')].filter(
    (h1) => tokenOverlap(foldedWords(h1.textContent ?? ''), titleTokens) >= 0.9,
  );
  const headline = headlines.length === 1 ? headlines[0] : undefined;
  if (!headline) return 0;
  const doomed: Element[] = [];
  let before = 0;
  for (let cur: Element | null = headline; cur && cur !== body; cur = cur.parentElement) {
    for (let sib = cur.previousElementSibling; sib; sib = sib.previousElementSibling) {
      doomed.push(sib);
      before += textLength(sib);
    }
  }
  if (doomed.length === 0 || before >= textLength(body) * 0.4) return 0;
  for (const el of doomed) el.remove();
  return doomed.length;
}

/** Words of a class or id: "c-SocialShare__bar" → c, social, share, bar. */
export function markupWords(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Class/id words that never name a wrapper of the article itself (a comment thread, a bio, a
 * consent notice, a related box): an element marked so stays only when it holds nearly all the
 * text. Other furniture words ("meta", "tools", "print") also name wrappers that hold the article
 * ("post-meta-wrapper"), so those stay from `keepShare` of the text on.
 */
const NEVER_WRAPPERS = new Set([
  'comment',
  'comments',
  'disqus',
  'respond',
  'reply',
  'related',
  'relatedposts',
  'recirc',
  'recirculation',
  'recommended',
  'recommendations',
  'readmore',
  'morestories',
  'newsletter',
  'newsletters',
  'subscribe',
  'signup',
  'share',
  'sharing',
  'sharebar',
  'sharedaddy',
  'addtoany',
  'bio',
  'author',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'outbrain',
  'taboola',
  'popular',
  'trending',
  'mostread',
  'breadcrumb',
  'breadcrumbs',
  'tagcloud',
]);

/**
 * How furniture-like an element's markup is: not, a word that may name a wrapper, or one that
 * never does. The "never" words count only in the element's name — its id and its first class —
 * not in the modifiers and state classes after it ("entry author-jane", "cookies-not-set",
 * "url-breadcrumb" on an article or the body).
 */
function furnitureMark(el: Element): 'none' | 'weak' | 'strong' {
  if (TAGS.has(el.tagName)) return 'strong';
  const role = el.getAttribute('role');
  if (role && ROLES.has(role.toLowerCase())) return 'strong';
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return 'strong';
  const classes = el.getAttribute('class') ?? '';
  const id = el.getAttribute('id') ?? '';
  if (classes.length + id.length === 0) return 'none';
  const name = `${id} ${classes.trim().split(/\s+/u)[0] ?? ''}`;
  for (const word of markupWords(name)) if (NEVER_WRAPPERS.has(word)) return 'strong';
  for (const word of markupWords(`${classes} ${id}`)) if (CLASS_WORDS.has(word)) return 'weak';
  return 'none';
}

/**
 * Marked as furniture that never wraps an article: a furniture tag, role or hidden attribute, or
 * a class/id word such as consent, bio, comments. A `<form>` is not (some sites wrap the whole
 * page in one).
 */
export function isFurnitureMarked(el: Element): boolean {
  return el.tagName !== 'FORM' && furnitureMark(el) === 'strong';
}

/** Text length without building strings for the whole subtree more than once. */
function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/gu, '').length;
}

/**
 * A month calendar (an archive or events widget): a table of twenty cells or more, nearly all
 * of them empty or a day number.
 */
function isCalendar(el: Element): boolean {
  if (el.tagName !== 'TABLE') return false;
  const cells = el.getElementsByTagName('td');
  if (cells.length < 20) return false;
  let days = 0;
  for (const cell of cells) if (/^\s*(?:[1-9]|[12]\d|3[01])?\s*$/u.test(cell.textContent ?? '')) days++;
  return days >= cells.length * 0.9;
}

/**
 * Drops furniture inside an extracted article: share bars, related/recommended boxes,
 * newsletter and comment blocks, captions, bylines and tag lists — by markup —, and month
 * calendars. An element marked with a word that may name a wrapper and that holds at least
 * `keepShare` of the article's text is the article itself (a wrapper with an unlucky class), and
 * stays; one whose words never name a wrapper stays only from `strongShare` on.
 */
export function pruneContent(root: Element, keepShare = 0.35, strongShare = 0.75): number {
  const total = Math.max(1, textLength(root));
  let removed = 0;
  const stack: Element[] = [...root.children];
  while (stack.length > 0) {
    const el = stack.pop();
    if (!el) break;
    const mark = furnitureMark(el);
    const share = mark === 'none' ? 0 : textLength(el) / total;
    if (
      (mark === 'weak' && share < keepShare) ||
      (mark === 'strong' && share < strongShare) ||
      isCalendar(el)
    ) {
      el.remove();
      removed++;
      continue;
    }
    for (const child of el.children) stack.push(child);
  }
  return removed;
}
