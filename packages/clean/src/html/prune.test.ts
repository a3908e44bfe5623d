import { describe, expect, it } from 'vitest';
import { parseWithLinkedom } from './parse-dom.ts';
import { markupWords, pruneBeforeHeadline, pruneContent, prunePage } from './prune.ts';

describe('markupWords', () => {
  it('splits class names at separators and camelCase', () => {
    expect(markupWords('c-SocialShare__bar  post_related-2')).toEqual([
      'c',
      'social',
      'share',
      'bar',
      'post',
      'related',
      '2',
    ]);
  });
});

describe('prunePage', () => {
  it('drops site header, navigation, footer, sidebars, ARIA landmarks and hidden elements', () => {
    const { document } = parseWithLinkedom(
      '<html><body><header>H</header><nav>N</nav><div role="navigation">R</div><main><p>Text</p><aside>A</aside></main><div aria-hidden="true">X</div><footer>F</footer></body></html>',
    );
    expect(prunePage(document)).toBe(6);
    expect(document.body.textContent).toBe('Text');
  });
});

describe('pruneContent', () => {
  const article = (inner: string) => {
    const { document } = parseWithLinkedom(`<html><body><div id="root">${inner}</div></body></html>`);
    const root = document.getElementById('root');
    if (!root) throw new Error('no root');
    return root;
  };
  const body =
    '<p>The article itself, long enough to be most of the text in this small example page here.</p>';

  it('drops share bars, related boxes, newsletter and comment blocks and captions by markup', () => {
    const root = article(
      `${body}<div class="share-buttons">Share</div><section class="relatedPosts">Other</section><div id="newsletter-box">Sign up</div><div class="comments">C</div><figure><img><figcaption>Caption</figcaption></figure>`,
    );
    pruneContent(root);
    expect(root.textContent).toBe(body.replace(/<\/?p>/g, ''));
  });

  it('keeps an element with an unlucky class that holds most of the article', () => {
    const root = article(`<div class="post-meta-wrapper">${body}</div><div class="share">S</div>`);
    pruneContent(root);
    expect(root.textContent).toBe(body.replace(/<\/?p>/g, ''));
  });
});

describe('pruneContent: calendars and furniture that never wraps the article', () => {
  const body = `<p>${'The article text goes on here at some length. '.repeat(6)}</p>`;
  const article = (inner: string) => {
    const { document } = parseWithLinkedom(`<html><body><div id="root">${inner}</div></body></html>`);
    const root = document.getElementById('root');
    if (!root) throw new Error('no root');
    return root;
  };

  it('drops a month calendar', () => {
    const cells = Array.from({ length: 31 }, (_, i) => `<td><a href="/d/${i + 1}">${i + 1}</a></td>`).join(
      '',
    );
    const root = article(`${body}<table><tr>${cells}</tr></table>`);
    pruneContent(root);
    expect(root.getElementsByTagName('table')).toHaveLength(0);
  });

  it('drops a bio that holds half the text, but keeps a wrapper named by a state class', () => {
    const bio = `<div class="author-bio"><p>${'Jane Doe writes about the region for the paper. '.repeat(6)}</p></div>`;
    const root = article(`${body}${bio}`);
    pruneContent(root);
    expect(root.textContent).not.toContain('Jane Doe');
    const wrapped = article(`<div class="entry author-jane">${body}</div><div class="share">S</div>`);
    pruneContent(wrapped);
    expect(wrapped.textContent).toContain('The article text');
  });
});

describe('pruneBeforeHeadline', () => {
  const text = `<p>${'The article text goes on here at some length. '.repeat(8)}</p>`;

  it('drops what precedes the one <h1> that repeats the title, along its ancestors', () => {
    const { document } = parseWithLinkedom(
      `<html><body><div class="x1"><p>We use cookies to measure our audience.</p></div><div class="y"><span>Politics</span><h1>Visa waiver signed</h1>${text}</div></body></html>`,
    );
    expect(pruneBeforeHeadline(document, ['visa', 'waiver', 'signed'])).toBe(2);
    expect(document.body.textContent).not.toContain('cookies');
    expect(document.body.textContent).not.toContain('Politics');
    expect(document.body.textContent).toContain('The article text');
  });

  it('leaves the page alone when that would take 40% of its text, or when no single <h1> repeats the title', () => {
    const long = `<html><body>${text}<h1>Visa waiver signed</h1><p>Short.</p></body></html>`;
    const { document } = parseWithLinkedom(long);
    expect(pruneBeforeHeadline(document, ['visa', 'waiver', 'signed'])).toBe(0);
    const other = parseWithLinkedom(`<html><body><p>Menu</p><h1>Another title</h1>${text}</body></html>`);
    expect(pruneBeforeHeadline(other.document, ['visa', 'waiver', 'signed'])).toBe(0);
  });
});
