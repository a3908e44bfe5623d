import type { EventMessage } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import { SaxesParser } from 'saxes';
import { entryId, escapeXml, renderAtom } from './atom.ts';
import { PUBLIC_URL, useApi } from './test-backends.ts';

interface XmlElement {
  readonly name: string;
  readonly ns: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

/** Parses with a conforming, namespace-aware parser: throws on anything not well-formed. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.entries(tag.attributes).map(([k, a]) => [k, a.value]));
    const element: XmlElement = { name: tag.local, ns: tag.uri, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

const child = (e: XmlElement | undefined, name: string) => e?.children.find((c) => c.name === name);
const children = (e: XmlElement | undefined, name: string) =>
  e?.children.filter((c) => c.name === name) ?? [];

const ATOM = 'http://www.w3.org/2005/Atom';

describe('GET /feed.atom', () => {
  const api = useApi('pglite');

  it('is a well-formed Atom 1.0 feed of the latest events, newest change first, linking from API_PUBLIC_URL', async () => {
    const { app, store } = api();
    const res = await app.inject({
      method: 'GET',
      url: '/feed.atom',
      // Links never come from the Host header: a request may name any host.
      headers: { host: 'attacker.example:8080', 'x-forwarded-host': 'attacker.example' },
    });
    expect(res.body).not.toContain('attacker.example');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseXml(res.body);
    expect([feed.name, feed.ns]).toEqual(['feed', ATOM]);
    for (const required of ['id', 'title', 'updated', 'author'])
      expect(child(feed, required), required).toBeDefined();
    expect(children(feed, 'link').find((l) => l.attributes.rel === 'self')?.attributes.href).toBe(
      `${PUBLIC_URL}feed.atom`,
    );

    const entries = children(feed, 'entry');
    const recent = await store.recentEvents(50);
    expect(entries.map((e) => child(e, 'id')?.text)).toEqual(recent.map((e) => entryId(e.eventId)));
    expect(child(feed, 'updated')?.text).toBe(recent[0]?.updatedAt);
    const visit = recent.find((e) => e.eventId === 'ev_1');
    const entry = entries.find((e) => child(e, 'id')?.text === 'urn:dyad:event:ev_1');
    expect(child(entry, 'title')?.text).toBe(visit?.summary);
    expect(child(entry, 'updated')?.text).toBe(visit?.updatedAt);
    expect(child(entry, 'published')?.text).toBe(visit?.firstSeenAt);
    const links = children(entry, 'link');
    const alternate = (type: string) =>
      links.find((l) => l.attributes.rel === 'alternate' && l.attributes.type === type)?.attributes.href;
    expect(alternate('text/html')).toBe(`${PUBLIC_URL}event/ev_1`);
    expect(alternate('application/json')).toBe(`${PUBLIC_URL}events/ev_1`);
    expect(links.filter((l) => l.attributes.rel === 'related').map((l) => l.attributes.hreflang)).toEqual([
      'ar',
      'fr',
    ]);
    expect(children(entry, 'category').map((c) => c.attributes.term)).toEqual([
      'official_visit',
      'politics',
      'aviation',
    ]);
    expect(child(entry, 'summary')?.text).toMatch(/2 sources in ar, fr; version 2\./);

    const two = parseXml((await app.inject({ method: 'GET', url: '/feed.atom?limit=2' })).body);
    expect(children(two, 'entry')).toHaveLength(2);
    expect((await app.inject({ method: 'GET', url: '/feed.atom?limit=500' })).statusCode).toBe(400);
  });
});

describe('Atom rendering', () => {
  const nasty: EventMessage = {
    schema: 1,
    eventId: 'ev_<&>"',
    version: 1,
    type: 'joint_statement',
    cameo: '057',
    date: { value: '2025-02-28', precision: 'day' },
    participants: [{ actorId: 'x', name: 'A & B <Co>', names: {}, country: 'MA' }],
    topics: ['trade & "tariffs"'],
    agreements: [],
    summary: `Tom & Jerry's <script>alert('x')</script> ]]> \u0000\u0007\uFFFE\uD800 done`,
    sources: [
      {
        articleId: 'a'.repeat(64),
        url: 'https://example.test/a?x=1&y=<2>',
        title: '"Quoted" & <b>bold</b>',
        lang: 'fr',
        publishedAt: null,
        main: true,
        evidence: [],
      },
    ],
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
  };

  it('escapes markup and drops characters XML cannot hold, so the feed stays well-formed', () => {
    const xml = renderAtom([nasty], { baseUrl: 'http://h', now: '2026-11-22T11:00:00.000Z' });
    const entry = child(parseXml(xml), 'entry');
    expect(child(entry, 'title')?.text).toBe(`Tom & Jerry's <script>alert('x')</script> ]]>  done`);
    expect(child(entry, 'id')?.text).toBe(entryId(nasty.eventId));
    const related = children(entry, 'link').find((l) => l.attributes.rel === 'related');
    expect(related?.attributes).toMatchObject({
      href: nasty.sources[0]?.url,
      title: nasty.sources[0]?.title,
    });
    expect(children(entry, 'category')[1]?.attributes.term).toBe('trade & "tariffs"');
    expect(child(entry, 'summary')?.text).toContain('A & B <Co> (MA)');
    expect(xml).not.toContain('<script>');
  });

  it('has an updated date and no entries when there are no events', () => {
    const feed = parseXml(renderAtom([], { baseUrl: 'http://h', now: '2026-11-22T11:00:00.000Z' }));
    expect(child(feed, 'updated')?.text).toBe('2026-11-22T11:00:00.000Z');
    expect(children(feed, 'entry')).toEqual([]);
  });

  it('escapeXml handles the five special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
