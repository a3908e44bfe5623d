import { type ArticleExtracted, articleIdFor, type EventReport, type EventType } from '@dyad/contracts';

/** A deterministic pseudo-random generator, so every run indexes the same corpus. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TYPES: readonly [EventType, string][] = [
  ['official_visit', '042'],
  ['bilateral_meeting', '040'],
  ['phone_call', '040'],
  ['agreement_signing', '057'],
  ['policy_statement', '051'],
];

const FILLER: Record<string, string> = {
  ar: 'وأكد الجانبان على أهمية تعزيز التعاون الثنائي في المجالات الاقتصادية والثقافية والسياسية بين البلدين. ',
  fr: 'Les deux parties ont souligné l’importance de renforcer la coopération bilatérale dans les domaines économique, culturel et politique. ',
  en: 'Both sides stressed the importance of strengthening bilateral cooperation in the economic, cultural and political fields. ',
  ru: 'Стороны подчеркнули важность укрепления двустороннего сотрудничества в экономической, культурной и политической сферах. ',
};
const LANGS = Object.keys(FILLER);

export interface Corpus {
  readonly articles: ArticleExtracted[];
  /** Ground truth: the real event each article reports. */
  readonly eventOf: ReadonlyMap<string, number>;
  readonly events: number;
}

/**
 * `count` extracted articles of realistic size (2–6 KB of text in ar/fr/en/ru), each reporting
 * one event; with probability `repeatShare` the event is one an earlier article already reported
 * (another language, a coarser date), else a new one.
 */
export function generateCorpus(count: number, repeatShare = 0.2, seed = 42): Corpus {
  const random = mulberry32(seed);
  const articles: ArticleExtracted[] = [];
  const eventOf = new Map<string, number>();
  const known: { day: string; type: [EventType, string] }[] = [];
  for (let i = 0; i < count; i++) {
    const repeat = known.length > 0 && random() < repeatShare;
    const e = repeat ? Math.floor(random() * known.length) : known.length;
    if (!repeat) {
      const year = 2014 + Math.floor(random() * 12);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const type = TYPES[Math.floor(random() * TYPES.length)] ?? TYPES[0];
      if (!type) throw new Error('no event types');
      known.push({ day: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, type });
    }
    const event = known[e];
    if (!event) throw new Error('generator bug');
    const lang = LANGS[Math.floor(random() * LANGS.length)] ?? 'en';
    const report: EventReport = {
      type: event.type[0],
      cameo: event.type[1],
      date:
        repeat && random() < 0.5
          ? { value: event.day.slice(0, 7), precision: 'month' }
          : { value: event.day, precision: 'day' },
      participants: [
        {
          actorId: `kz.bench${e}`,
          name: `KZ official ${e}`,
          names: { en: `KZ official ${e}` },
          country: 'KZ',
        },
        {
          actorId: `ma.bench${e}`,
          name: `MA official ${e}`,
          names: { en: `MA official ${e}` },
          country: 'MA',
        },
      ],
      topics: ['trade'],
      agreements: [],
      main: !repeat,
      evidence: [{ field: 'type', text: 'met', start: 0, end: 3 }],
    };
    const url = `https://bench.example/${lang}/${i}`;
    const text = (FILLER[lang] ?? '').repeat(20 + Math.floor(random() * 40));
    const article: ArticleExtracted = {
      schema: 1,
      articleId: articleIdFor(url),
      url,
      sourceId: 'bench',
      origin: 'crawl',
      fetchedAt: '2026-11-22T10:00:00.000Z',
      title: `Bench article ${i}`,
      text,
      lang,
      publishedAt: { value: event.day, source: 'meta' },
      relevance: { score: 1, relevant: true, reasons: [], assessed: true },
      cleaner: { version: 'bench', method: 'bench' },
      mentions: { actors: [], places: [], dates: [] },
      events: [report],
      extractorVersion: 'bench',
    };
    articles.push(article);
    eventOf.set(article.articleId, e);
  }
  return { articles, eventOf, events: known.length };
}
