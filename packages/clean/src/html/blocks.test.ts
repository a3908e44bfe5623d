import { describe, expect, it } from 'vitest';
import { pruneBlocks } from './blocks.ts';
import { parseWithLinkedom } from './parse-dom.ts';
import { serializeBlocks } from './serialize.ts';

function blocksOf(body: string) {
  const { document } = parseWithLinkedom(`<html><body><article>${body}</article></body></html>`);
  const root = document.querySelector('article');
  if (!root) throw new Error('no article');
  return serializeBlocks(root);
}

const para = (n: number): string =>
  `<p>Paragraph ${n} of the article says something of its own, at some length, as articles do.</p>`;

describe('serializeBlocks', () => {
  it('breaks around blocks, not inside inline markup, and keeps list items apart', () => {
    const blocks = blocksOf(
      '<h2>Heading</h2><p>One <b>bold</b> word<br>and a line</p><ul><li>a</li><li>b</li></ul>',
    );
    expect(blocks.map((b) => b.text)).toEqual(['Heading', 'One bold word\nand a line', 'a', 'b']);
  });
});

describe('pruneBlocks', () => {
  it('drops a repeated title, a byline and a date line at the top, keeping what they say', () => {
    const result = pruneBlocks(
      blocksOf(`<h1>The title of it</h1><p>By Jane Doe</p><p>March 3, 2025</p>${para(1)}`),
      'The title of it',
    );
    expect(result).toEqual({
      paragraphs: [para(1).slice(3, -4)],
      author: 'Jane Doe',
      dateLine: '2025-03-03',
    });
  });

  it('drops furniture lines, share bars, link-only teasers and credits in any of the four languages', () => {
    const result = pruneBlocks(
      blocksOf(
        [
          para(1),
          '<p>Facebook Twitter WhatsApp</p>',
          '<p>فيسبوك تويتر واتساب</p>',
          '<p><a href="/x">Related: another story entirely</a></p>',
          '<p>(Image credit: Agency)</p>',
          '<p>Photo © Someone</p>',
          '<p>Lire aussi : un autre article</p>',
          '<p>Читайте также: другая статья</p>',
          para(2),
        ].join(''),
      ),
      undefined,
    );
    expect(result.paragraphs).toEqual([para(1).slice(3, -4), para(2).slice(3, -4)]);
  });

  it('drops a "related" section and its teasers up to the next real paragraph', () => {
    const long =
      'This paragraph of the article goes on long enough, with more than twenty-five words in it, to read as running text rather than as a teaser title, and ends with a full stop.';
    const result = pruneBlocks(
      blocksOf(`${para(1)}<h3>مقالات ذات صلة</h3><p>عنوان مقال آخر</p><p>عنوان ثالث</p><p>${long}</p>`),
      undefined,
    );
    expect(result.paragraphs).toEqual([para(1).slice(3, -4), long]);
  });

  it('keeps a paragraph with a link in it', () => {
    const text =
      'The minister <a href="/m">said</a> that the agreement would be signed in Astana next month, officials confirmed.';
    expect(pruneBlocks(blocksOf(`<p>${text}</p>`), undefined).paragraphs).toHaveLength(1);
  });
});

describe('pruneBlocks: the steps added for pages it was not tuned on', () => {
  const text = (n: number): string =>
    `Paragraph ${n} of the article says something of its own, at some length, as articles do.`;

  it('drops what comes before the headline (a consent notice taken in with the article)', () => {
    const result = pruneBlocks(
      blocksOf(
        `<div><p>We use cookies on this site to give you the best experience; read our policy.</p></div><h1>The title of it</h1><p>${text(1)}</p><p>${text(2)}</p>`,
      ),
      'The title of it',
    );
    expect(result.paragraphs).toEqual([text(1), text(2)]);
  });

  it('drops menus of links, short meta lines at the top, a name-and-date line and empty headings', () => {
    const menu = ['Home', 'Politics', 'Economy', 'World', 'Sport']
      .map((m) => `<a href="/${m}">${m}</a>`)
      .join(' | ');
    const result = pruneBlocks(
      blocksOf(
        `<div>${menu}</div><div>43 views</div><div>Jane Doe · 2025-03-03</div><p>${text(1)}</p><h2>Latest news</h2><li><a href="/a">10:32 Another story entirely</a></li>`,
      ),
      undefined,
    );
    expect(result).toEqual({ paragraphs: [text(1)], dateLine: '2025-03-03' });
  });

  it('keeps short list items and subheadings that have text under them', () => {
    const result = pruneBlocks(
      blocksOf(`<p>${text(1)}</p><h2>What changes</h2><ul><li>Visas</li><li>Flights</li></ul>`),
      undefined,
    );
    expect(result.paragraphs).toEqual([text(1), 'What changes', 'Visas', 'Flights']);
  });
});
