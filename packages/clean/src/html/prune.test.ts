import { describe, expect, it } from 'vitest';
import { parseWithLinkedom } from './parse-dom.ts';
import { markupWords, pruneContent, prunePage } from './prune.ts';

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
