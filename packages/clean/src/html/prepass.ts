/**
 * String-level pre-pass before any DOM is built. Whatever can never be article text goes, so
 * that both DOMs parse less and Readability walks fewer nodes: script, style, noscript,
 * template, iframes (each one costs jsdom a whole window), SVG, media and form controls — but
 * `<script type="application/ld+json">` stays: it carries the publication date, author and
 * headline. (Dropping unread attributes and inter-block whitespace as well was measured: no
 * faster, and Readability reads colspan/rowspan to tell data tables from layout.)
 */

/** Elements dropped with their content; none of them nests inside itself in real pages. */
const DROP_WITH_CONTENT = [
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'object',
  'canvas',
  'video',
  'audio',
  'select',
  'textarea',
  'button',
  'math',
];

const COMMENT = /<!--[\s\S]*?-->/g;
/** A script, kept only when it is JSON-LD (metadata reads it). */
const SCRIPT = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi;
const DROP = new RegExp(`<(${DROP_WITH_CONTENT.join('|')})\\b[^>]*>[\\s\\S]*?<\\/\\1\\s*>`, 'gi');
/** Void or self-closed leftovers of the same kinds (an unclosed iframe, an embed). */
const DROP_VOID = /<(?:embed|iframe|source|track|input|wbr)\b[^>]*>/gi;

/**
 * Navigation, sidebars and footers, which the page pruner drops anyway: gone before parsing, they
 * cost neither parse nor garbage collection. The match is lazy, so an unclosed tag could reach
 * far: a match over a third of the page is left for the DOM pruner instead.
 */
const PAGE_FURNITURE = /<(nav|aside|footer)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

export function prepass(html: string): string {
  return html
    .replace(COMMENT, '')
    .replace(SCRIPT, (whole, attrs: string) => (/application\/ld\+json/i.test(attrs) ? whole : ''))
    .replace(DROP, '')
    .replace(DROP_VOID, '')
    .replace(PAGE_FURNITURE, (whole) => (whole.length > html.length / 3 ? whole : ''));
}
