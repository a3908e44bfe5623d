import { Readability } from '@mozilla/readability';

/** What `runReadability` replaces on a Readability instance. */
interface ReaderInternals {
  _isProbablyVisible(node: Element): boolean;
  _getAllNodesWithTag(node: ParentNode, tagNames: readonly string[]): ArrayLike<Element>;
}

export interface ReadabilityResult {
  /** The article's content element, still attached to the parsed document. */
  readonly content: Element;
  readonly title?: string;
  readonly byline?: string;
}

/**
 * Readability's default threshold is 500 characters of article text. Arabic and Cyrillic news
 * briefs are often shorter in characters than that (and mozilla/readability#381 shows the
 * length test misjudging non-Latin text), so a page written in those scripts gets a lower one:
 * otherwise Readability retries with ever looser rules and may settle on the wrong block.
 */
export function charThresholdFor(html: string): number {
  let nonLatin = 0;
  // Counting stops early: a few hundred letters decide.
  for (const _ of html.matchAll(/[\u0600-\u06ff\u0400-\u04ff]/gu)) {
    if (++nonLatin >= 400) return 200;
  }
  return 500;
}

/**
 * One declaration of an inline style as linkedom reads it (`el.style[property]`): the attribute
 * split at semicolons, each rule at its first colon, name and value trimmed, the last one of a
 * name winning, '' when there is none.
 */
export function inlineStyle(el: Element, property: string): string {
  const attr = el.getAttribute('style');
  if (attr === null || !attr.includes(property)) return '';
  let value = '';
  for (const rule of attr.split(/\s*;\s*/)) {
    const colon = rule.indexOf(':');
    if (colon < 0 || rule.slice(0, colon).trim() !== property) continue;
    const declared = rule.slice(colon + 1).trim();
    if (declared) value = declared;
  }
  return value;
}

/**
 * Readability's `_isProbablyVisible` over linkedom, the same test without `el.style`: linkedom
 * builds a CSSStyleDeclaration (a Proxy over a Map, and a WeakMap entry) for every element
 * Readability asks, and parses its attribute on every read; that was a sixth of the cleaner's time
 * and garbage. The inline style is read from the attribute as linkedom reads it (`inlineStyle`).
 */
function isProbablyVisible(node: Element): boolean {
  return (
    inlineStyle(node, 'display') !== 'none' &&
    inlineStyle(node, 'visibility') !== 'hidden' &&
    !node.hasAttribute('hidden') &&
    (!node.hasAttribute('aria-hidden') ||
      node.getAttribute('aria-hidden') !== 'true' ||
      (node.className !== '' && node.className.includes('fallback-image')))
  );
}

/**
 * Readability's `_getAllNodesWithTag` over linkedom: the elements under `root` of the given tag
 * names, in document order, as `root.querySelectorAll(tagNames.join(','))` finds them (a
 * `<template>`'s content left out) — without compiling the selector anew on every call (css-select
 * has no cache), which cost linkedom more than the walk.
 */
export function elementsWithTags(root: ParentNode, tagNames: readonly string[]): Element[] {
  const out: Element[] = [];
  // Selectors match HTML tag names in any case: Readability asks for 'p' and for 'DIV'.
  const single = tagNames.length === 1 ? tagNames[0]?.toLowerCase() : undefined;
  const wanted = single === undefined ? new Set(tagNames.map((t) => t.toLowerCase())) : undefined;
  let el = root.firstElementChild;
  while (el) {
    const name = el.localName;
    const lower = name === name.toLowerCase() ? name : name.toLowerCase();
    if (single === undefined ? wanted?.has(lower) : lower === single) out.push(el);
    // Depth first, in document order: into the element (not a template's content), else on.
    let next: Element | null = lower === 'template' ? null : el.firstElementChild;
    for (let cur: Element | null = el; !next && cur; ) {
      next = cur.nextElementSibling;
      if (!next) {
        const up: Element | null = cur.parentElement;
        cur = up === root ? null : up;
      }
    }
    el = next;
  }
  return out;
}

/**
 * Runs Readability, returning the content element itself (no HTML round trip). Over linkedom
 * (`linkedom: true`), its visibility test reads inline styles from the attribute (`isProbablyVisible`).
 */
export function runReadability(
  document: Document,
  charThreshold: number,
  options: { readonly linkedom?: boolean } = {},
): ReadabilityResult | undefined {
  const reader = new Readability<Element>(document, {
    // Classes stay so that furniture inside the article can be pruned by markup afterwards.
    keepClasses: true,
    // Metadata (JSON-LD included) is read by readMetadata before Readability edits the page.
    disableJSONLD: true,
    charThreshold,
    serializer: (node) => node as Element,
  });
  // Private methods of the pinned Readability 0.6.0 (readability.test.ts checks they are still there).
  if (options.linkedom) {
    const internals = reader as unknown as ReaderInternals;
    internals._isProbablyVisible = isProbablyVisible;
    internals._getAllNodesWithTag = elementsWithTags;
  }
  const article = reader.parse();
  if (!article?.content) return undefined;
  return {
    content: article.content,
    ...(article.title ? { title: article.title } : {}),
    ...(article.byline ? { byline: article.byline } : {}),
  };
}
