import { describe, expect, it } from '@dyad/testkit';
import { main } from '../main.ts';
import { testIo } from '../test-helpers.ts';
import { markedText } from './api-client.ts';
import { articles, deadApiUrl, useIndexer } from './api-test-support.ts';

describe('dyad search (against a running indexer)', () => {
  const indexer = useIndexer();

  it('finds an Arabic word in its prefixed and derived forms, matches in brackets', async () => {
    const io = testIo();
    expect(await main(['search', 'كازاخستان', '--api', indexer().api], io)).toBe(0);
    const lines = io.stdout.lines();
    expect(lines[0]).toBe('1. [ar]  2025-03-01  زيارة وزير الخارجية [الكازاخستاني]');
    expect(lines[1]).toBe(`   ${articles.visitAr.url}`);
    expect(lines[2]).toContain('[الكازاخستاني]');
    expect(lines[2]).toContain('[وكازاخستان]');
    expect(io.stderr.text()).toBe('1 article matches (showing 1–1)\n');
  });

  it('finds French inflections, in one language with --lang; --json gives the highlights as HTML', async () => {
    const api = indexer().api;
    const io = testIo();
    expect(await main(['search', 'coopération', '--lang', 'fr', '--json', '--api', api], io)).toBe(0);
    const body = JSON.parse(io.stdout.text()) as {
      total: number;
      articles: { titleHtml: string; snippetHtml: string }[];
    };
    expect(body.total).toBe(1);
    expect(body.articles[0]?.titleHtml).toBe('Astana et Rabat renforcent leur <mark>coopération</mark>');
    expect(body.articles[0]?.snippetHtml).toContain('<mark>coopérations</mark>');

    // Several words are one query (all must match); the matches may be in any language.
    const words = testIo();
    expect(await main(['search', 'Rabat', 'coopérations', '--api', api, '--limit', '5'], words)).toBe(0);
    expect(words.stdout.lines()[0]).toMatch(/^1\. \[fr\]/);
    const none = testIo();
    expect(await main(['search', 'xyzzy', '--api', api], none)).toBe(0);
    expect(none.stderr.text()).toBe('no article matches\n');
  });

  it('refuses a missing query or a bad language, and fails clearly when the API is down', async () => {
    const empty = testIo();
    expect(await main(['search'], empty)).toBe(2);
    expect(empty.stderr.text()).toContain('give a query');
    const lang = testIo();
    expect(await main(['search', 'Rabat', '--lang', 'French', '--api', indexer().api], lang)).toBe(2);
    expect(lang.stderr.text()).toMatch(/^dyad search: --lang: expected an ISO 639 language code/);
    const down = testIo();
    const dead = await deadApiUrl();
    expect(await main(['search', 'Rabat', '--api', dead], down)).toBe(1);
    expect(down.stderr.text()).toContain(`cannot reach the indexer API at ${dead}: connect ECONNREFUSED`);
  });
});

describe('markedText', () => {
  it('shows <mark> as brackets or bold, and unescapes the HTML', () => {
    const html = 'a &lt;b&gt; &amp; <mark>Rabat</mark> &quot;x&quot; &#39;y&#39;';
    expect(markedText(html, false)).toBe(`a <b> & [Rabat] "x" 'y'`);
    expect(markedText(html, true)).toBe(`a <b> & \u001b[1;33mRabat\u001b[0m "x" 'y'`);
  });
});
