import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { elementsWithTags, inlineStyle } from './readability.ts';

describe('inlineStyle (Readability’s visibility test over linkedom, without el.style)', () => {
  it.each(['_isProbablyVisible', '_getAllNodesWithTag'])(
    'replaces %s, which the pinned Readability still has',
    (name) => {
      expect(typeof (Readability.prototype as unknown as Record<string, unknown>)[name]).toBe('function');
    },
  );

  it.each([
    '',
    'display:none',
    'display: none;',
    ' DISPLAY: none',
    'color: red; display : none ; visibility:hidden',
    'display:none; display:block',
    'display:block; display:',
    'display:none;display: ',
    'visibility: hidden !important',
    'background:url(a:b); display:none',
    'display',
    'x-display: none',
    'display:none:x',
    ';;display:;visibility:hidden;;',
  ])('reads %j as linkedom does', (style) => {
    const { document } = parseHTML(
      `<html><body><div style="${style}">x</div><p>y</p></body></html>`,
    ) as unknown as {
      document: Document;
    };
    for (const el of [document.querySelector('div'), document.querySelector('p')]) {
      if (!el) throw new Error('no element');
      for (const property of ['display', 'visibility'] as const)
        expect(inlineStyle(el, property)).toBe(String(el.style[property] ?? ''));
    }
  });
});

describe('elementsWithTags (Readability’s _getAllNodesWithTag over linkedom)', () => {
  const { document } = parseHTML(
    '<html><body><div id="a"><p>1</p><DIV><p>2</p><h2>t</h2></DIV><template><p>no</p></template>' +
      '<ul><li><p>3</p></li></ul></div><h1>x</h1><p>4</p></body></html>',
  ) as unknown as { document: Document };
  const created = document.createElement('DIV');
  created.append(document.createElement('P'), document.createElement('span'));
  it.each([
    [['p']],
    [['P']],
    [['h1', 'h2']],
    [['DIV', 'P', 'UL']],
    [['template']],
    [['span']],
    [['nothing']],
  ])('finds %j as querySelectorAll does', (tags) => {
    for (const root of [document, document.body, document.getElementById('a'), created]) {
      if (!root) throw new Error('no root');
      const expected = [...root.querySelectorAll(tags.join(','))];
      const found = elementsWithTags(root, tags);
      expect(found.length).toBe(expected.length);
      for (const [i, el] of found.entries()) expect(el).toBe(expected[i]);
    }
  });
});
