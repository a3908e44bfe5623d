import { describe, expect, it } from 'vitest';
import { prepass } from './prepass.ts';

describe('prepass', () => {
  it('drops scripts, styles, noscript, iframes, SVG and comments but keeps JSON-LD', () => {
    const html = [
      '<head><script src="a.js"></script><script>var x = "</p>";</script>',
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>',
      '<style>p{color:red}</style></head>',
      '<body><!-- a comment --><noscript><img src="t.gif"></noscript>',
      '<iframe src="ad.html"></iframe><svg><title>icon</title></svg><p>Text</p></body>',
    ].join('');
    const out = prepass(html);
    expect(out).toContain('<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>');
    for (const gone of ['a.js', 'var x', 'color:red', 'a comment', 't.gif', 'ad.html', 'icon']) expect(out).not.toContain(gone);
    expect(out).toContain('<p>Text</p>');
  });

  it('keeps the attributes read later and drops the others, even with ">" in a quoted value', () => {
    const out = prepass('<a href="/x" title="a > b" data-track="1" class="c" onclick="go()">link</a>');
    expect(out).toBe('<a href="/x" class="c">link</a>');
  });

  it('drops whitespace next to block tags only, so inline words stay apart', () => {
    expect(prepass('<div>\n  <p>a</p>\n  <p><b>b</b> <i>c</i></p>\n</div>')).toBe('<div><p>a</p><p><b>b</b> <i>c</i></p></div>');
  });
});
