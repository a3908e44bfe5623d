import { DataFileError } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { defaultSourcesFile } from '../data-files.ts';
import { loadSources, parseSources } from './load-sources.ts';

describe('sources file', () => {
  it('reads every kind with defaults and durations', () => {
    const [rss, sitemap, html] = parseSources(
      'test.yaml',
      `sources:
  - { id: a, name: A, url: "https://a.ma/feed", kind: rss, lang: ar, country: MA }
  - { id: b, name: B, url: "https://b.kz/news.xml", kind: sitemap, lang: ru, country: KZ, interval: 90s, focused: true }
  - { id: c, name: C, url: "https://c.org/tag/x", kind: html, lang: fr, selector: "h2 a", interval: 2h, match: either }
`,
    );
    expect(rss).toMatchObject({ kind: 'rss', interval: 900_000, focused: false, enabled: true });
    expect(sitemap).toMatchObject({ kind: 'sitemap', interval: 90_000, focused: true });
    expect(html).toMatchObject({ kind: 'html', selector: 'h2 a', interval: 7_200_000, match: 'either' });
  });

  it('names every problem: unknown kind, html without selector, bad URL, unknown field, duplicate id', () => {
    const error = (() => {
      try {
        parseSources(
          'bad.yaml',
          `sources:
  - { id: a, name: A, url: "https://a.ma/feed", kind: atom, lang: ar }
  - { id: b, name: B, url: "https://b.ma/", kind: html, lang: fr }
  - { id: c, name: C, url: "ftp://c.ma/", kind: rss, lang: fr, colour: red }
  - { id: c, name: C2, url: "https://c.ma/", kind: rss, lang: fr, match: counterpart }
`,
        );
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DataFileError);
    const issues = (error as DataFileError).issues.join('\n');
    expect(issues).toMatch(/^sources\.0\.kind: /m);
    expect(issues).toMatch(/^sources\.1\.selector: /m);
    expect(issues).toMatch(/^sources\.2\.url: an absolute http\(s\) URL/m);
    expect(issues).toMatch(/^sources\.2: .*colour/m);
    expect(issues).toMatch(/^sources\.3\.match: "counterpart" needs the outlet's country/m);
    expect(() =>
      parseSources(
        'dup.yaml',
        `sources:
  - { id: c, name: C, url: "https://c.ma/", kind: rss, lang: fr }
  - { id: c, name: C2, url: "https://c2.ma/", kind: rss, lang: fr }
`,
      ),
    ).toThrow(/sources\.1\.id: duplicate source id "c" \(also sources\.0\)/);
  });

  it('refuses a file that is not YAML', () => {
    expect(() => parseSources('x.yaml', 'sources: [')).toThrow(DataFileError);
  });

  it('ships a default list of Moroccan, Kazakh and international outlets in ar, fr, en and ru', () => {
    const { sources } = loadSources(defaultSourcesFile);
    const enabled = sources.filter((s) => s.enabled);
    expect(new Set(enabled.map((s) => s.lang))).toEqual(new Set(['ar', 'fr', 'en', 'ru']));
    expect(enabled.some((s) => s.country === 'MA')).toBe(true);
    expect(enabled.some((s) => s.country === 'KZ')).toBe(true);
    expect(enabled.some((s) => !s.country && !s.focused)).toBe(true);
    expect(enabled.some((s) => s.focused)).toBe(true);
    expect(new Set(sources.map((s) => s.kind))).toEqual(new Set(['rss', 'sitemap', 'html']));
    // Polite by default: nothing polled more often than every 10 minutes.
    expect(Math.min(...sources.map((s) => s.interval))).toBeGreaterThanOrEqual(600_000);
    for (const s of sources) expect(new URL(s.url).protocol, s.id).toBe('https:');
  });
});
