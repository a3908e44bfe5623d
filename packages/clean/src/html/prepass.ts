/**
 * String-level pre-pass before any DOM is built. Whatever can never be article text goes, so
 * that both DOMs parse less and Readability walks fewer nodes: script, style, noscript,
 * template, iframes (each one costs jsdom a whole window), SVG, media and form controls — but
 * `<script type="application/ld+json">` stays: it carries the publication date, author and
 * headline. Attributes nothing downstream reads are dropped, and so is the whitespace between
 * block-level tags (it never renders): in linkedom every attribute and text node is an object
 * of its own, and they are most of a page's nodes.
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
 * Attributes read afterwards: by Readability (class, id, role, style and hidden for visibility,
 * href for link density, lang/dir), by the pruner (aria-hidden) and by metadata (meta tags,
 * canonical link, JSON-LD type, itemprop, datetime).
 */
const KEEP_ATTRIBUTES = new Set([
  'class',
  'id',
  'role',
  'style',
  'hidden',
  'aria-hidden',
  'aria-modal',
  'href',
  'rel',
  'lang',
  'dir',
  'name',
  'property',
  'content',
  'itemprop',
  'type',
  'datetime',
  'pubdate',
]);

/** A start tag, with quoted values that may contain ">". */
const START_TAG = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/g;

function keepAttributes(tag: string, name: string, attributes: string): string {
  if (attributes.length < 2) return tag;
  let kept = '';
  for (const m of attributes.matchAll(ATTRIBUTE)) {
    const attr = (m[1] ?? '').toLowerCase();
    if (KEEP_ATTRIBUTES.has(attr)) kept += m[2] === undefined ? ` ${attr}` : ` ${attr}=${m[2]}`;
  }
  const selfClosing = /\/\s*$/.test(attributes) ? ' /' : '';
  return `<${name}${kept}${selfClosing}>`;
}

/** Tags around which whitespace never renders: blocks, and what lives in the head. */
const BLOCK_LIKE = new Set(
  (
    'address article aside blockquote body br center dd details dialog div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 head header hgroup hr html li link main meta nav ol p section summary table tbody td tfoot th ' +
    'thead title tr ul script base'
  ).split(' '),
);

/** A tag followed by whitespace only, up to the next tag. */
const TAG_THEN_SPACE =
  /<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>(\s+)(?=<(\/?)([a-zA-Z][\w:-]*))/g;

function dropBlockWhitespace(html: string): string {
  return html.replace(
    TAG_THEN_SPACE,
    (whole, _close: string, name: string, _attrs: string, space: string, _c, next: string) =>
      BLOCK_LIKE.has(name.toLowerCase()) || BLOCK_LIKE.has(next.toLowerCase())
        ? whole.slice(0, whole.length - space.length)
        : whole,
  );
}

export function prepass(html: string): string {
  const stripped = html
    .replace(COMMENT, '')
    .replace(SCRIPT, (whole, attrs: string) => (/application\/ld\+json/i.test(attrs) ? whole : ''))
    .replace(DROP, '')
    .replace(DROP_VOID, '')
    .replace(START_TAG, (tag, name: string, attributes: string) => process.env.NOATTR ? tag : keepAttributes(tag, name, attributes));
  return process.env.NOWS ? stripped : dropBlockWhitespace(stripped);
}
