import { z } from 'zod';
import htmlFurnitureData from '../data/html-furniture.json' with { type: 'json' };

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

/** Words of a class or id: "c-SocialShare__bar" → c, social, share, bar. */
export function markupWords(value: string): string[] {
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function isFurnitureElement(el: Element): boolean {
  if (TAGS.has(el.tagName)) return true;
  const role = el.getAttribute('role');
  if (role && ROLES.has(role.toLowerCase())) return true;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  const marks = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (marks.length > 1) {
    for (const word of markupWords(marks)) if (CLASS_WORDS.has(word)) return true;
  }
  return false;
}

/** Text length without building strings for the whole subtree more than once. */
function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/gu, '').length;
}

/**
 * Drops furniture inside an extracted article: share bars, related/recommended boxes,
 * newsletter and comment blocks, captions, bylines and tag lists — by markup. An element that
 * holds at least `keepShare` of the article's text is the article itself (a wrapper with an
 * unlucky class), and stays.
 */
export function pruneContent(root: Element, keepShare = 0.35): number {
  const total = Math.max(1, textLength(root));
  let removed = 0;
  const stack: Element[] = [...root.children];
  while (stack.length > 0) {
    const el = stack.pop();
    if (!el) break;
    if (isFurnitureElement(el) && textLength(el) < total * keepShare) {
      el.remove();
      removed++;
      continue;
    }
    for (const child of el.children) stack.push(child);
  }
  return removed;
}
