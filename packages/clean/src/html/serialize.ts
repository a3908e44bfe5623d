/**
 * Text of a DOM subtree with a break around every block element — not `textContent`, which
 * glues "<li>a</li><li>b</li>" into one word "ab" and runs headings into paragraphs.
 */

const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'TR',
  'UL',
]);

/** Cells are separated, not broken: a table row stays one line. */
const CELLS = new Set(['TD', 'TH']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'HEAD', 'TITLE']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** One block of text and the element it came from (for pruning by markup). */
export interface TextBlock {
  text: string;
  /** The closest block element around this text. */
  readonly element: Element;
}

/** The blocks of `root`, in document order, without empty ones; lines inside a block are kept. */
export function serializeBlocks(root: Element): TextBlock[] {
  const blocks: TextBlock[] = [];
  let parts: string[] = [];
  let owner: Element = root;
  const flush = (): void => {
    const text = parts
      .join('')
      .split('\n')
      .map((line) => line.replace(/[ \t\f\r\u00a0\u200b]+/gu, ' ').trim())
      .filter(Boolean)
      .join('\n');
    if (text) blocks.push({ text, element: owner });
    parts = [];
  };

  // Iterative walk: some pages nest deeper than the call stack likes.
  const stack: { node: Node; exit: boolean; pre: boolean }[] = [{ node: root, exit: false, pre: false }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const { node, exit, pre } = item;
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      parts.push(pre ? value : value.replace(/\s+/gu, ' '));
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    const tag = el.tagName;
    if (exit) {
      if (BLOCKS.has(tag)) {
        flush();
        owner = parentBlock(el, root);
      } else if (CELLS.has(tag)) parts.push(' ');
      continue;
    }
    if (SKIP.has(tag)) continue;
    if (tag === 'BR') {
      parts.push('\n');
      continue;
    }
    if (BLOCKS.has(tag)) {
      flush();
      owner = el;
    }
    stack.push({ node, exit: true, pre });
    const children = el.childNodes;
    const childPre = pre || tag === 'PRE';
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, exit: false, pre: childPre });
    }
  }
  flush();
  return blocks;
}

function parentBlock(el: Element, root: Element): Element {
  let cur = el.parentElement;
  while (cur && cur !== root && !BLOCKS.has(cur.tagName)) cur = cur.parentElement;
  return cur ?? root;
}
