import { type ArticleExtracted, type EventMessage, eventDateRange } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import { loadMigrations, runMigrations } from './migrations.ts';
import { markedToHtml } from './search.ts';
import type { Store } from './store.ts';
import { backends, openTarget, sampleArticle } from './test-support.ts';

const AR_TEXT =
  'استقبل وزير الخارجية المغربي نظيره الكازاخستاني في الرباط، وبحث الجانبان سبل تعزيز العلاقات بين المغرب وكازاخستان.';

function article(n: number, lang: string, title: string, text: string): ArticleExtracted {
  return sampleArticle(n, { lang, title, text, events: [] });
}

const arabic = article(1, 'ar', 'زيارة رسمية إلى الرباط', AR_TEXT);
const arabicTitle = article(2, 'ar', 'كازاخستان والمغرب: شراكة جديدة', 'نص قصير عن الطيران المدني.');
const french = article(
  3,
  'fr',
  'Rabat et Astana renforcent leur partenariat',
  'Les deux ministres ont salué la coopération économique et le nouvel accord aérien.',
);
const english = article(
  4,
  'en',
  'Tokayev meets the King in Rabat',
  'President Kassym-Jomart Tokayev held talks on cooperation in agriculture.',
);
const russian = article(5, 'ru', 'Визит в Марокко', 'Министр иностранных дел Казахстана прибыл в Рабат.');
const unknown = article(6, 'und', 'Tokayev', 'Astana Rabat');

/** Saves and indexes, as the indexer does: in one transaction. */
async function index(store: Store, ...articles: ArticleExtracted[]): Promise<void> {
  for (const a of articles)
    await store.transaction(async (tx) => {
      await tx.saveArticle(a);
      await tx.indexArticleText(a);
    });
}

function event(n: number, overrides: Partial<EventMessage> = {}): EventMessage {
  return {
    schema: 1,
    eventId: `ev_${n}`,
    version: 1,
    type: 'official_visit',
    cameo: '042',
    date: { value: '2025-02-28', precision: 'day' },
    participants: [],
    topics: [],
    agreements: [],
    summary: `event ${n}`,
    sources: [
      {
        articleId: arabic.articleId,
        url: arabic.url,
        title: arabic.title,
        lang: 'ar',
        publishedAt: null,
        main: true,
        evidence: [],
      },
    ],
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
    ...overrides,
  };
}

async function saveEvent(store: Store, e: EventMessage, articles: ArticleExtracted[], typeClass = 'visit') {
  const range = eventDateRange(e.date);
  await store.transaction(async (tx) => {
    await tx.saveEvent({
      event: {
        ...e,
        mergeReasons: articles.map((a) => ({ articleId: a.articleId, reason: 'first report' })),
      },
      typeClass,
      dateFirst: range.first,
      dateLast: range.last,
    });
    for (const a of articles)
      await tx.addReport({
        eventId: e.eventId,
        articleId: a.articleId,
        main: true,
        evidence: [],
        mergeReason: 'first report',
      });
  });
}

const nurtleu = {
  actorId: 'kz.nurtleu',
  name: 'Murat Nurtleu',
  names: { ar: 'مراد نورتليو', en: 'Murat Nurtleu' },
  country: 'KZ',
  role: 'minister',
};
const bourita = {
  actorId: 'ma.bourita',
  name: 'Nasser Bourita',
  names: { fr: 'Nasser Bourita' },
  country: 'MA',
};

describe('markedToHtml', () => {
  it('escapes the text and turns the match marks into <mark> tags', () => {
    expect(markedToHtml('a < b & "c" \u0001d\u0002\'')).toBe(
      'a &lt; b &amp; &quot;c&quot; <mark>d</mark>&#39;',
    );
  });
});

for (const [label, test] of backends) {
  describe(`full-text search on ${label}`, () => {
    test('an Arabic query finds the prefixed and derived forms (وكازاخستان, الكازاخستاني) and marks them', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        await index(store, arabic, arabicTitle, french, english, russian);
        const { articles, total } = await store.searchArticles('كازاخستان');
        expect(total).toBe(2);
        // The word in the title weighs more than the two in the text.
        expect(articles.map((a) => a.articleId)).toEqual([arabicTitle.articleId, arabic.articleId]);
        const hit = articles[1];
        expect(hit?.snippetHtml).toContain('<mark>وكازاخستان</mark>');
        expect(hit?.snippetHtml).toContain('<mark>الكازاخستاني</mark>');
        expect(articles[0]?.titleHtml).toBe('<mark>كازاخستان</mark> والمغرب: شراكة جديدة');
        expect(hit).toMatchObject({
          lang: 'ar',
          url: arabic.url,
          sourceId: 'example-ma',
          title: arabic.title,
        });
        expect(articles[0]?.rank).toBeGreaterThan(hit?.rank ?? Number.POSITIVE_INFINITY);
      } finally {
        await store.close();
      }
    });

    test('a French query finds another inflection (coopérations → coopération)', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        await index(store, arabic, french, english, russian);
        const { articles, total } = await store.searchArticles('coopérations');
        // English "cooperation" stems alike in the French reading of the query: both match.
        expect(articles.map((a) => a.lang).sort()).toEqual(['en', 'fr']);
        expect(total).toBe(2);
        const fr = articles.find((a) => a.lang === 'fr');
        expect(fr?.snippetHtml).toContain('<mark>coopération</mark>');
        // Only French articles when asked.
        const only = await store.searchArticles('coopérations', { lang: 'fr' });
        expect(only.articles.map((a) => a.articleId)).toEqual([french.articleId]);
        expect(only.total).toBe(1);
      } finally {
        await store.close();
      }
    });

    test('names match across languages and scripts; Russian stems; websearch syntax works', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        await index(store, arabic, french, english, russian, unknown);
        const tokayev = await store.searchArticles('Tokayev');
        expect(tokayev.articles.map((a) => a.articleId).sort()).toEqual(
          [english.articleId, unknown.articleId].sort(),
        );
        const kz = await store.searchArticles('Казахстан');
        expect(kz.articles.map((a) => a.articleId)).toEqual([russian.articleId]);
        expect(kz.articles[0]?.snippetHtml).toContain('<mark>Казахстана</mark>');
        const phrase = await store.searchArticles('"nouvel accord"');
        expect(phrase.articles.map((a) => a.articleId)).toEqual([french.articleId]);
        const without = await store.searchArticles('Rabat -Tokayev');
        expect(without.articles.map((a) => a.articleId)).toEqual([french.articleId]);
        expect((await store.searchArticles('Astana OR Марокко')).total).toBe(3);
        // No such word, or no word at all: no match, no error.
        expect(await store.searchArticles('xyzzy')).toEqual({ articles: [], total: 0 });
        expect(await store.searchArticles('   ')).toEqual({ articles: [], total: 0 });
      } finally {
        await store.close();
      }
    });

    test('pages through hits with limit and offset', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        await index(
          store,
          ...[1, 2, 3, 4, 5].map((n) =>
            article(10 + n, 'en', `Rabat news ${n}`, `Rabat ${'Rabat '.repeat(n)}`),
          ),
        );
        const all = await store.searchArticles('rabat', { limit: 10 });
        expect(all.total).toBe(5);
        const page = await store.searchArticles('rabat', { limit: 2, offset: 2 });
        expect(page.total).toBe(5);
        expect(page.articles.map((a) => a.articleId)).toEqual(
          all.articles.slice(2, 4).map((a) => a.articleId),
        );
        expect((await store.searchArticles('rabat', { offset: 10 })).articles).toEqual([]);
      } finally {
        await store.close();
      }
    });

    test('snippets are safe HTML whatever the text holds', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        const nasty = article(
          7,
          'en',
          'Rabat <img src=x onerror=alert(1)> "quoted"',
          'In Rabat, a < b && c > d; \u0001 stray marks \u0002 and <script>alert("x")</script> around Rabat.',
        );
        await index(store, nasty);
        const [hit] = (await store.searchArticles('Rabat')).articles;
        for (const html of [hit?.titleHtml ?? '', hit?.snippetHtml ?? '']) {
          const text = html.replace(/<\/?mark>/g, '');
          for (const raw of ['<', '>', '"', '\u0001', '\u0002']) expect(text).not.toContain(raw);
          expect(html).toContain('<mark>Rabat</mark>');
        }
        expect(hit?.titleHtml).toContain('&quot;quoted&quot;');
        expect(hit?.snippetHtml).toContain('a &lt; b &amp;&amp; c &gt; d');
      } finally {
        await store.close();
      }
    });

    test('indexing again replaces the vector: an edited article no longer matches its old words', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        await index(store, french);
        await index(store, { ...french, text: 'Le texte parle désormais de pêche.' });
        expect((await store.searchArticles('coopération')).total).toBe(0);
        expect((await store.searchArticles('pêches')).total).toBe(1);
      } finally {
        await store.close();
      }
    });

    test('migration 003 makes articles stored before it searchable', async (target) => {
      const { store, db } = await openTarget(target);
      try {
        const migrations = await loadMigrations();
        // Before 003, but with the other table today's saveArticle writes in its statement (008).
        await runMigrations(
          db,
          migrations.filter((m) => m.version < 3 || m.file === '008_agreement_acts.sql'),
        );
        await store.saveArticle(french);
        await store.saveArticle(unknown);
        await store.migrate();
        expect((await store.searchArticles('coopérations')).articles.map((a) => a.articleId)).toEqual([
          french.articleId,
        ]);
        const { rows } = await db.query<{ lang: string; config: string }>(
          'SELECT lang, config FROM article_texts ORDER BY lang',
        );
        expect(rows).toEqual([
          { lang: 'fr', config: 'french' },
          { lang: 'und', config: 'simple' },
        ]);
      } finally {
        await store.close();
      }
    });

    test('searchEvents filters like listEvents and keeps events reported by a matching article', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        await index(store, arabic, french, english);
        const visit = event(1, { participants: [nurtleu, bourita], topics: ['aviation'] });
        const other = event(2, { date: { value: '2025-09-22', precision: 'day' }, participants: [bourita] });
        await saveEvent(store, visit, [arabic, french]);
        await saveEvent(store, other, [english]);

        const byText = await store.searchEvents({ q: 'كازاخستان' });
        expect(byText.events.map((e) => e.eventId)).toEqual(['ev_1']);
        expect(byText.total).toBe(1);
        expect(byText.events[0]?.mergeReasons).toHaveLength(2);
        expect((await store.searchEvents({ q: 'Rabat' })).events.map((e) => e.eventId)).toEqual([
          'ev_2',
          'ev_1',
        ]);
        // The other filters apply as in listEvents.
        const filters = [
          { from: '2025-03-01' },
          { to: '2025-03-01' },
          { actor: 'kz.nurtleu' },
          { country: 'MA' },
          { topic: 'aviation' },
          { type: 'official_visit' },
          { limit: 1, offset: 1 },
        ];
        for (const filter of filters) {
          const listed = await store.listEvents(filter);
          const searched = await store.searchEvents({ ...filter, q: 'Rabat' });
          expect(searched.events.map((e) => e.eventId)).toEqual(listed.events.map((e) => e.eventId));
          expect(searched.total).toBe(listed.total);
        }
      } finally {
        await store.close();
      }
    });

    test('childEvents, recentEvents and listActors', async (target) => {
      const { store } = await openTarget(target);
      try {
        await store.migrate();
        await index(store, arabic);
        await saveEvent(store, event(1, { participants: [nurtleu, bourita] }), [arabic]);
        await saveEvent(
          store,
          event(2, {
            type: 'bilateral_meeting',
            partOf: 'ev_1',
            participants: [{ ...nurtleu, names: { ru: 'Мурат Нуртлеу' }, role: 'foreign minister' }],
            updatedAt: '2026-11-23T10:00:00.000Z',
          }),
          [arabic],
          'meeting',
        );
        expect((await store.childEvents('ev_1')).map((e) => e.eventId)).toEqual(['ev_2']);
        expect(await store.childEvents('ev_2')).toEqual([]);
        expect((await store.recentEvents(10)).map((e) => e.eventId)).toEqual(['ev_2', 'ev_1']);
        expect((await store.recentEvents(1)).map((e) => e.eventId)).toEqual(['ev_2']);

        const { actors, total } = await store.listActors();
        expect(total).toBe(2);
        expect(actors[0]).toEqual({
          actorId: 'kz.nurtleu',
          name: 'Murat Nurtleu',
          country: 'KZ',
          names: { ar: 'مراد نورتليو', en: 'Murat Nurtleu', ru: 'Мурат Нуртлеу' },
          roles: ['foreign minister', 'minister'],
          events: 2,
        });
        expect(actors[1]).toMatchObject({
          actorId: 'ma.bourita',
          events: 1,
          names: { fr: 'Nasser Bourita' },
        });
        const moroccan = await store.listActors({ country: 'MA' });
        expect(moroccan.actors.map((a) => a.actorId)).toEqual(['ma.bourita']);
        expect(moroccan.total).toBe(1);
        expect((await store.listActors({ limit: 1, offset: 1 })).actors.map((a) => a.actorId)).toEqual([
          'ma.bourita',
        ]);
      } finally {
        await store.close();
      }
    });
  });
}
