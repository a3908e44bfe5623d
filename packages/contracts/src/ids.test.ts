import { describe, expect, it } from 'vitest';
import { articleIdFor, canonicalUrl, InvalidUrlError, seedUrl } from './ids.ts';

describe('canonicalUrl', () => {
  it('lowercases the host, drops the fragment and tracking parameters, keeps the rest in order', () => {
    expect(
      canonicalUrl('https://WWW.Hespress.COM/politique/a-1.html?b=2&utm_source=fb&a=1&fbclid=x#top'),
    ).toBe('https://www.hespress.com/politique/a-1.html?b=2&a=1');
  });

  it('drops a query left empty and the default port', () => {
    expect(canonicalUrl('http://example.com:80/x?gclid=1')).toBe('http://example.com/x');
  });

  it('keeps the path case, which servers may distinguish', () => {
    expect(canonicalUrl('https://example.com/News/A')).toBe('https://example.com/News/A');
  });

  it('refuses what is not an absolute URL', () => {
    expect(() => canonicalUrl('/relative/path')).toThrow(InvalidUrlError);
  });
});

describe('articleIdFor', () => {
  it('is the hex SHA-256 of the canonical URL, so tracking variants share an id', () => {
    const id = articleIdFor('https://example.com/a?utm_medium=x');
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).toBe(articleIdFor('https://EXAMPLE.com/a#frag'));
    expect(id).not.toBe(articleIdFor('https://example.com/b'));
  });

  it('names replayed files by their file name', () => {
    expect(seedUrl('000_ca98ac49193d9c54.txt')).toBe('seed:000_ca98ac49193d9c54.txt');
    expect(articleIdFor(seedUrl('a.txt'))).not.toBe(articleIdFor(seedUrl('b.txt')));
  });
});
