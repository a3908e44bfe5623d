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
    expect(out).toContain(
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>',
    );
    for (const gone of ['a.js', 'var x', 'color:red', 'a comment', 't.gif', 'ad.html', 'icon'])
      expect(out).not.toContain(gone);
    expect(out).toContain('<p>Text</p>');
  });

  it('drops navigation, sidebars and footers, but not a match that would swallow a third of the page', () => {
    const text = `<p>${'Article text. '.repeat(10)}</p>`;
    expect(prepass(`<nav><a>Home</a></nav>${text}<aside>Side</aside><footer><nav>x</nav>F</footer>`)).toBe(
      text,
    );
    const unclosed = `<aside>Box<p>${'Article text. '.repeat(20)}</p></aside>`;
    expect(prepass(unclosed)).toBe(unclosed);
  });
});
