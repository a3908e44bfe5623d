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

/** A script, kept only when it is JSON-LD (metadata reads it): its opening tag, attributes captured. */
const SCRIPT_OPEN = /<script\b([^>]*)>/gi;
const DROP_OPEN = new RegExp(`<(${DROP_WITH_CONTENT.join('|')})\\b[^>]*>`, 'gi');
/** Void or self-closed leftovers of the same kinds (an unclosed iframe, an embed). */
const DROP_VOID = /<(?:embed|iframe|source|track|input|wbr)\b[^>]*>/gi;

/**
 * Navigation, sidebars and footers, which the page pruner drops anyway: gone before parsing, they
 * cost neither parse nor garbage collection. The match is lazy, so an unclosed tag could reach
 * far: a match over a third of the page is left for the DOM pruner instead.
 */
const PAGE_FURNITURE_OPEN = /<(nav|aside|footer)\b[^>]*>/gi;

/** `</name>` (any case, white space before `>`), one pattern per element name. */
const closers = new Map<string, RegExp>();
function closerOf(name: string): RegExp {
  let re = closers.get(name);
  if (!re) {
    re = new RegExp(`<\\/${name}\\s*>`, 'gi');
    closers.set(name, re);
  }
  return re;
}

/** What `html.replace(/<!--[\s\S]*?-->/g, '')` gives. */
function dropComments(html: string): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const start = html.indexOf('<!--', pos);
    if (start < 0) break;
    const end = html.indexOf('-->', start + 4);
    if (end < 0) break;
    out += html.slice(pos, start);
    pos = end + 3;
  }
  return pos === 0 ? html : out + html.slice(pos);
}

/**
 * Each element that `open` starts (its name: group 1, or `name`), through the first closing tag
 * of that name after it, goes — unless `keep` keeps it: what
 * `html.replace(/<(a|b)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, …)` gives, without that pattern's lazy scan,
 * which tried the closing tag at every character of a long script.
 */
function dropElements(
  html: string,
  open: RegExp,
  name: string | undefined,
  keep?: (whole: string, attributes: string) => boolean,
): string {
  let out = '';
  let pos = 0;
  // Where a name was last found unclosed: it is unclosed from there on.
  const unclosedFrom = new Map<string, number>();
  open.lastIndex = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const tag = (name ?? m[1] ?? '').toLowerCase();
    const after = m.index + m[0].length;
    let close: RegExpExecArray | null = null;
    if ((unclosedFrom.get(tag) ?? Number.POSITIVE_INFINITY) > after) {
      const closer = closerOf(tag);
      closer.lastIndex = after;
      close = closer.exec(html);
    }
    if (!close) {
      unclosedFrom.set(tag, after);
      // No element starts here: the pattern would try again from the next character.
      open.lastIndex = m.index + 1;
      continue;
    }
    const end = close.index + close[0].length;
    open.lastIndex = end;
    if (keep?.(html.slice(m.index, end), m[1] ?? '')) continue;
    out += html.slice(pos, m.index);
    pos = end;
  }
  return pos === 0 ? html : out + html.slice(pos);
}

export function prepass(html: string): string {
  let out = dropComments(html);
  out = dropElements(out, SCRIPT_OPEN, 'script', (_, attributes) =>
    /application\/ld\+json/i.test(attributes),
  );
  out = dropElements(out, DROP_OPEN, undefined);
  out = out.replace(DROP_VOID, '');
  return dropElements(out, PAGE_FURNITURE_OPEN, undefined, (whole) => whole.length > html.length / 3);
}
