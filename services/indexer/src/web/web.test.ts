import { eventTypeFacts } from '@dyad/contracts';
import { openStore, type Store } from '@dyad/store';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../api/server.ts';
import { allArticles, approvalRu, indexAll } from '../api/test-fixtures.ts';
import { indexArticle } from '../index-article.ts';
import { bourita, eventReport, extractedArticle, nurtleu } from '../test-articles.ts';
import { CLIENT_SCRIPT } from './client.ts';
import { escapeHtml, html, safeHref } from './html.ts';

const PUBLIC = 'https://dyad.example/relations/';

const evidenceText = 'Bourita a reçu Nurtleu à Rabat le 3 mars 2026. Ils ont parlé de commerce.';
const firstSentence = evidenceText.slice(0, evidenceText.indexOf('.') + 1);
const nasty = extractedArticle(
  'web-nasty',
  [
    eventReport({
      type: 'phone_call',
      cameo: '040',
      date: { value: '2026-03-03', precision: 'day' },
      participants: [{ ...bourita, names: { en: '<img src=x onerror=alert(1)>' } }, nurtleu],
      location: { name: '<b>Rabat</b>', country: 'MA' },
      evidence: [
        // Offsets into the text: "Bourita a reçu Nurtleu à Rabat le 3 mars 2026."
        { field: 'type', text: firstSentence, start: 0, end: firstSentence.length },
        { field: 'participants[ma.bourita]', text: firstSentence, start: 0, end: firstSentence.length },
        // Stale offsets: the sentence is found where it is.
        { field: 'topics[trade]', text: 'Ils ont parlé de commerce.', start: 0, end: 26 },
        // Not in the text at all (offsets within it, as the contract requires, but other words there).
        { field: 'date', text: 'une phrase disparue', start: 50, end: 69 },
      ],
    }),
  ],
  'fr',
  evidenceText,
);
const nastyTitle = '<script>window.__pwned=1</script> Appel';
const nastyArticle = { ...nasty, title: nastyTitle };

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  await store.migrate();
  // ev_1 … ev_4 from the API's fixtures, ev_5 the phone call above; the Senate's approval makes none.
  await indexAll(store, [...allArticles, nastyArticle, approvalRu]);
  app = buildApi({ store, version: 'test', publicUrl: PUBLIC });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, body: res.body, headers: res.headers };
}

/** The event ids a page lists, in order. */
function listed(body: string): string[] {
  return [...body.matchAll(/<li class="event[^"]*" id="ev-([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('html', () => {
  it('escapes every interpolated text, keeps Html as is, and lets only http(s) links through', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(
      html`<p title="${'"x" & \'y\''}">${'<script>'}${inner}${['a', '<', 1]}${null}${false}</p>`.value,
    ).toBe('<p title="&quot;x&quot; &amp; &#39;y&#39;">&lt;script&gt;<b>&lt;i&gt;</b>a&lt;1</p>');
    expect(escapeHtml('a\u0000b\u0007c')).toBe('abc');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('seed:003.txt')).toBeUndefined();
    expect(safeHref('https://example.test/a?b=1')).toBe('https://example.test/a?b=1');
  });
});

describe('the timeline at /', () => {
  it('lists the events newest first under month headings, with types, places and sources', async () => {
    const { status, body, headers } = await get('/');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    // The meeting of 22 September sorts before the visit of 21–25 September it took place in.
    expect(listed(body)).toEqual(['ev_5', 'ev_2', 'ev_3', 'ev_1', 'ev_4']);
    const headings = [...body.matchAll(/<h2 id="m-[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['March 2026', 'September 2025', 'February 2025', 'June 2024']);
    expect(body).toContain(`${eventTypeFacts.parliamentary_meeting.label.en}</span>`);
    expect(body).toContain('title="CAMEO 040: ');
    expect(body).toMatch(/<time class="date" datetime="2025-09-21">21\s?–\s?25 September 2025<\/time>/);
    expect(body).toMatch(/June 2024<\/time> <span class="precision">\(month\)<\/span>/);
    expect(body).toContain('Events 1–5 of 5');
  });

  it('narrows by type, actor, place, source language, dates and full text', async () => {
    expect(listed((await get('/?type=parliamentary_meeting')).body)).toEqual(['ev_2']);
    expect(listed((await get('/?actor=kz.kuspan')).body)).toEqual(['ev_2']);
    expect(listed((await get('/?place=Astana')).body)).toEqual(['ev_3']);
    expect(listed((await get('/?lang=ru')).body)).toEqual(['ev_4']);
    expect(listed((await get('/?from=2025-09&to=2025-09')).body)).toEqual(['ev_2', 'ev_3']);
    // Stemmed: the French report of the visit, the English report of the meeting ("cooperation").
    expect(listed((await get(`/?q=${encodeURIComponent('coopération')}`)).body)).toEqual(['ev_2', 'ev_1']);
    expect(listed((await get(`/?q=${encodeURIComponent('Казахстан')}&lang=ru`)).body)).toEqual(['ev_4']);
    // The form shows what is selected.
    expect((await get('/?type=phone_call')).body).toContain('<option value="phone_call" selected>');
  });

  it('pages with links that keep the filters and the place in the URL', async () => {
    const first = await get('/?limit=2');
    expect(listed(first.body)).toEqual(['ev_5', 'ev_2']);
    expect(first.body).toContain(`<a rel="next" href="${PUBLIC}?limit=2&amp;offset=2">`);
    const second = await get('/?limit=2&offset=2');
    expect(listed(second.body)).toEqual(['ev_3', 'ev_1']);
    expect(second.body).toContain(`<a rel="prev" href="${PUBLIC}?limit=2">`);
    expect(second.body).toContain(`<a rel="next" href="${PUBLIC}?limit=2&amp;offset=4">`);
    // Live items go in at the top of the first unfiltered page only.
    expect(second.body).toContain('data-live-mode="notify"');
    expect((await get('/?type=phone_call')).body).toContain('data-live-mode="notify"');
    expect(first.body).toContain('data-live-mode="insert"');
  });

  it('charts events per month by type, each bar a link to its month and type', async () => {
    const { body } = await get('/');
    const bars = [...body.matchAll(/<a href="([^"]+)" aria-label="([^"]+)"><title>/g)].map((m) => [
      m[1]?.replaceAll('&amp;', '&'),
      m[2],
    ]);
    expect(bars).toContainEqual([
      `${PUBLIC}?from=2025-09&to=2025-09&type=parliamentary_meeting`,
      'September 2025: 1 event, Parliamentary meeting',
    ]);
    expect(bars).toContainEqual([
      `${PUBLIC}?from=2024-06&to=2024-06&type=agreement_signing`,
      'June 2024: 1 event, Agreement signed',
    ]);
    expect(bars).toHaveLength(5);
    // A filtered chart keeps the other filters in its links.
    expect((await get('/?lang=ar')).body).toContain(
      `${PUBLIC}?lang=ar&amp;from=2025-02&amp;to=2025-02&amp;type=official_visit`,
    );
  });

  it('answers bad filters with 400 and says which, in HTML', async () => {
    const { status, body } = await get('/?type=war&from=2025-02-30');
    expect(status).toBe(400);
    expect(body).toMatch(/<li>type: [^<]+<\/li>/);
    expect(body).toMatch(/<li>from: no such day<\/li>/);
  });

  it('links absolutely from API_PUBLIC_URL, never from the Host header', async () => {
    const { body } = await get('/event/ev_1', {
      host: 'attacker.example',
      'x-forwarded-host': 'attacker.example',
    });
    expect(body).not.toContain('attacker.example');
    const hrefs = [...body.matchAll(/(?:href|src|action)="([^"#][^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs)
      expect(href.startsWith(PUBLIC) || href.startsWith('https://example.test/'), href).toBe(true);
  });

  it('shows a <script> in a title, a name or a place as text', async () => {
    for (const url of ['/', '/event/ev_5', '/fragments/event/ev_5?cue=new']) {
      const { body } = await get(url);
      expect(body, url).not.toContain('<script>window');
      expect(body, url).not.toContain('<img src=x');
      expect(body, url).not.toContain('<b>Rabat');
    }
    expect((await get('/')).body).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt; Appel');
    expect((await get('/event/ev_5')).body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the event page', () => {
  it('lists every source with its outlet, language, date and link, and why it joined', async () => {
    const { status, body } = await get('/event/ev_1');
    expect(status).toBe(200);
    const sources = [...body.matchAll(/<section class="source" id="source-(\d+)"/g)];
    expect(sources).toHaveLength(2);
    expect(body).toContain('<dd>example.test</dd>');
    expect(body).toContain('href="https://example.test/article/api-ar"');
    expect(body).toContain('<dd>العربية</dd>');
    expect(body).toContain('<span lang="ar" dir="rtl">Article api-ar</span>');
    expect(body).toMatch(/Why it was taken as this event<\/dt><dd>[^<]+<\/dd>/);
  });

  it('highlights each evidence sentence in the article text, found again when its offsets are stale', async () => {
    const { body } = await get('/event/ev_5');
    const marks = [...body.matchAll(/<mark class="evidence"[^>]*data-fields="([^"]+)">([^<]*)<\/mark>/g)].map(
      (m) => [m[1], m[2]],
    );
    expect(marks).toEqual([
      ['type participants[ma.bourita]', 'Bourita a reçu Nurtleu à Rabat le 3 mars 2026.'],
      ['topics[trade]', 'Ils ont parlé de commerce.'],
    ]);
    expect(body).toContain('title="Type; Participants: &lt;img src=x onerror=alert(1)&gt;"');
    // The sentence that is not in the text is shown apart, named.
    expect(body).toMatch(
      /The sentence is no longer in the stored text:<\/p><ul class="evidence-missing"><li><span class="field">Date<\/span>: <span lang="fr" dir="auto">une phrase disparue<\/span>/,
    );
  });

  it('links the visit and the meeting within it, and shows the history of changes', async () => {
    const visit = (await get('/event/ev_3')).body;
    expect(visit).toContain('<h2 id="within-h">Within this event</h2>');
    expect(visit).toContain(`href="${PUBLIC}event/ev_2"`);
    expect((await get('/event/ev_2')).body).toMatch(
      new RegExp(`<dt>Part of</dt><dd><a href="${PUBLIC}event/ev_3"`),
    );
    const history = (await get('/event/ev_1')).body;
    expect(history).toMatch(/<strong>version 1<\/strong> · [^·]+ · first announced/);
    expect(history).toMatch(
      /<strong>version 2<\/strong> · [^·]+ · updated<ul><li dir="auto">added source: Article api-fr \(fr\)<\/li>/,
    );
  });

  it('answers an unknown event with 404', async () => {
    const { status, body } = await get('/event/ev_404');
    expect(status).toBe(404);
    expect(body).toContain('There is no such event.');
  });
});

describe('actor and agreements pages', () => {
  it('shows an actor’s roles with dates from the knowledge base and their events over time', async () => {
    const { status, body } = await get('/actor/kz.nurtleu');
    expect(status).toBe(200);
    expect(body).toContain('<h1><bdi>Murat Nurtleu</bdi></h1>');
    expect(body).toMatch(/<strong>foreign minister<\/strong> \(KZ\): [^<]*2023/);
    expect(listed(body)).toEqual(['ev_5', 'ev_1']);
    expect((await get('/actor/xx.nobody')).status).toBe(404);
  });

  it('follows each agreement through its stages, with the events and sources', async () => {
    const { body } = await get('/agreements');
    expect(body).toContain('<h2 id="a-0" dir="auto">Air services agreement</h2>');
    expect(body).toContain('<li class="stage reached">signed</li>');
    expect(body).toContain('<li class="stage">in force</li>');
    expect(body).toContain(`href="${PUBLIC}event/ev_4"`);
  });

  it('shows the approval at home as the agreement’s approved stage, with its article and sentence', async () => {
    const { body } = await get('/agreements');
    // One agreement: the event's "Air services agreement" and the act's "air services agreement".
    expect(body.match(/<section class="agreement"/g)).toHaveLength(1);
    expect(body).toContain(
      '<ol class="stages"><li class="stage">planned</li><li class="stage reached">signed</li><li class="stage reached">approved</li><li class="stage">in force</li></ol>',
    );
    const [, steps = ''] = /<ol class="steps">([\s\S]*?)<\/ol>/.exec(body) ?? [];
    // Signed in June 2024, approved in November 2024 by Kazakhstan: in that order.
    expect(steps.indexOf('s-signed')).toBeLessThan(steps.indexOf('s-approved'));
    expect(steps).toContain(
      '<span class="status s-approved">approved</span> · November 2024 · by Kazakhstan',
    );
    expect(steps).toContain(
      `<a href="${approvalRu.url}" rel="noopener noreferrer"><span lang="ru" dir="auto">${approvalRu.title}</span></a> (example.test, Русский,`,
    );
    expect(steps).toContain(`<blockquote lang="ru" dir="auto">${approvalRu.text}</blockquote>`);
    const ar = (await get('/agreements?hl=ar')).body;
    expect(ar).toContain('<li class="stage reached">مصادق عليه</li>');
    expect(ar).toContain('من طرف كازاخستان');
  });
});

describe('languages, assets and live fragments', () => {
  it('serves the interface in Arabic right to left, and keeps the language in its links', async () => {
    const { body } = await get('/?hl=ar');
    expect(body).toContain('<html lang="ar" dir="rtl">');
    expect(body).toContain(eventTypeFacts.official_visit.label.ar);
    expect(body).toContain(`href="${PUBLIC}agreements?hl=ar"`);
    expect((await get('/?hl=fr')).body).toContain('<h1>Chronologie</h1>');
  });

  it('renders one timeline item for the live script, marked new', async () => {
    const { status, body } = await get('/fragments/event/ev_2?cue=new');
    expect(status).toBe(200);
    expect(body.startsWith('<li class="event t-parliamentary_meeting cue-new" id="ev-ev_2"')).toBe(true);
    expect(body).toContain('<strong class="cue">New</strong>');
    expect((await get('/fragments/event/ev_404')).status).toBe(404);
  });

  it('serves the stylesheet with each type’s colour, the script as valid JavaScript, and the icon', async () => {
    const css = await get('/static/dyad.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    for (const [type, facts] of Object.entries(eventTypeFacts))
      expect(css.body).toContain(`.t-${type}{--type:${facts.colour}}`);
    const js = await get('/static/dyad.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe(CLIENT_SCRIPT);
    expect(() => new Function(js.body)).not.toThrow();
    expect(js.body).toContain('events/stream');
    expect((await get('/static/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
  });
});

// Last: it adds an event to the store the tests above read.
describe('the timeline after a change', () => {
  it('recounts the chart and the filters’ choices once an event is added', async () => {
    const before = (await get('/')).body;
    expect(before).not.toContain('Tashkent');
    expect(before).not.toContain('from=2026-05');
    const meeting = extractedArticle(
      'web-later',
      [
        eventReport({
          type: 'bilateral_meeting',
          cameo: '040',
          date: { value: '2026-05-04', precision: 'day' },
          location: { name: 'Tashkent', country: 'UZ' },
        }),
      ],
      'en',
      'The ministers met in Tashkent.',
    );
    await store.transaction((tx) =>
      indexArticle(tx, meeting, { now: '2026-11-23T10:00:00.000Z', newEventId: () => 'ev_later' }),
    );
    const after = (await get('/')).body;
    expect(after).toContain('<option value="Tashkent">Tashkent (1)</option>');
    expect(after).toContain('from=2026-05&amp;to=2026-05&amp;type=bilateral_meeting');
  });
});
