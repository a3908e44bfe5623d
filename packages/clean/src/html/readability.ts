import { Readability } from '@mozilla/readability';

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

/** Runs Readability, returning the content element itself (no HTML round trip). */
export function runReadability(document: Document, charThreshold: number): ReadabilityResult | undefined {
  const reader = new Readability<Element>(document, {
    // Classes stay so that furniture inside the article can be pruned by markup afterwards.
    keepClasses: true,
    // Metadata (JSON-LD included) is read by readMetadata before Readability edits the page.
    disableJSONLD: true,
    charThreshold,
    serializer: (node) => node as Element,
  });
  const article = reader.parse();
  if (!article?.content) return undefined;
  return {
    content: article.content,
    ...(article.title ? { title: article.title } : {}),
    ...(article.byline ? { byline: article.byline } : {}),
  };
}
