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

  it('gives what the chain of regular expressions it replaces gave, on awkward markup', () => {
    const drop = 'style|noscript|template|iframe|svg|object|canvas|video|audio|select|textarea|button|math';
    const byPatterns = (html: string): string =>
      html
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (whole, attrs: string) =>
          /application\/ld\+json/i.test(attrs) ? whole : '',
        )
        .replace(new RegExp(`<(${drop})\\b[^>]*>[\\s\\S]*?<\\/\\1\\s*>`, 'gi'), '')
        .replace(/<(?:embed|iframe|source|track|input|wbr)\b[^>]*>/gi, '')
        .replace(/<(nav|aside|footer)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, (whole) =>
          whole.length > html.length / 3 ? whole : '',
        );
    const cases = [
      '<style>a<STYLE>b</Style >c</style>',
      '<script>never closed <p>x</p>',
      '<script>a</script><nav>unclosed<svg>s</svg><p>y</p>',
      '<!-- a <!-- b --> c --><!-->x--><!--->y-->',
      '<aside>a<aside>b</aside>c</aside>',
      '<script type="application/LD+JSON">{}</script ><script>1</SCRIPT>',
      '<scripts>x</scripts><script\n>x</script\n>',
      '<iframe src=x><iframe>y</iframe><input name=q><wbr>',
      '<svg><style>x</style></svg><style>x<svg>y</style>z</svg>',
      '<button>a</button <button>b</button>',
      '<navx>a</navx><nav>b</nav><nav>a<footer>b</nav>c</footer>',
      `<nav a>${'x'.repeat(10)}</nav><nav>short</nav>${'y'.repeat(20)}`,
      '<svg>a<svg>b</svg><svg>c<video><video>x</video>',
    ];
    for (const html of cases) expect(prepass(html)).toBe(byPatterns(html));
  });
});
