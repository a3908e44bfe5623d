import {
  type ArticleExtracted,
  addDays,
  articleIdFor,
  type EventDate,
  type EventReport,
  type EventType,
  type Participant,
} from '@dyad/contracts';
import { mulberry32 } from './generate.ts';

/**
 * A corpus for the merge benchmark whose truth is known and whose cases are hard: every real
 * event is told by several articles in ar/fr/en/ru, with names in each language's script (known
 * people keep their knowledge-base id; unknown ones get an `unknown:` key that differs by
 * script), dates at day, month and range precision or only the publication date, and days a
 * day off (the visit reported from the evening of arrival). Around them: a second meeting on the
 * same day with other people, a phone call of the heads of state that day, a meeting and a
 * signing inside the visit, a return visit a month later by the same people with a meeting of
 * the same pair, and an article on the return visit that refers back to the first one.
 */

type Lang = 'ar' | 'fr' | 'en' | 'ru';
const LANGS: readonly Lang[] = ['ar', 'fr', 'en', 'ru'];

interface Person {
  readonly id: string;
  readonly country: 'KZ' | 'MA';
  readonly names: Readonly<Record<Lang, string>>;
}

const person = (
  id: string,
  country: 'KZ' | 'MA',
  ar: string,
  fr: string,
  en: string,
  ru: string,
): Person => ({
  id,
  country,
  names: { ar, fr, en, ru },
});

const VISITORS: readonly Person[] = [
  person('kz.nurtleu', 'KZ', 'مراد نورتليو', 'Mourat Nourtleou', 'Murat Nurtleu', 'Мурат Нуртлеу'),
  person(
    'kz.kosherbayev',
    'KZ',
    'يرلان كوشرباييف',
    'Yerlan Kocherbaïev',
    'Yerlan Kosherbayev',
    'Ерлан Кошербаев',
  ),
  person('kz.bektenov', 'KZ', 'أولجاس بكتينوف', 'Oljas Bektenov', 'Olzhas Bektenov', 'Олжас Бектенов'),
  person(
    'kz.ashimbayev',
    'KZ',
    'ماولن أشيمباييف',
    'Maoulen Achimbaïev',
    'Maulen Ashimbayev',
    'Маулен Ашимбаев',
  ),
  person(
    'kz.zhumangarin',
    'KZ',
    'سيريك جومانغارين',
    'Serik Joumangarine',
    'Serik Zhumangarin',
    'Серик Жумангарин',
  ),
];
const AMBASSADORS: readonly Person[] = [
  person('kz.ambassador-a', 'KZ', 'دوكين أبيلدين', 'Doukène Abildine', 'Duken Abildin', 'Дукен Абильдин'),
  person(
    'kz.ambassador-b',
    'KZ',
    'بولات سارسنباييف',
    'Boulat Sarsenbaïev',
    'Bulat Sarsenbayev',
    'Булат Сарсенбаев',
  ),
];
const HOSTS: readonly Person[] = [
  person('ma.bourita', 'MA', 'ناصر بوريطة', 'Nasser Bourita', 'Nasser Bourita', 'Насер Бурита'),
  person('ma.akhannouch', 'MA', 'عزيز أخنوش', 'Aziz Akhannouch', 'Aziz Akhannouch', 'Азиз Аханнуш'),
  person(
    'ma.talbi',
    'MA',
    'راشيد الطالبي العلمي',
    'Rachid Talbi Alami',
    'Rachid Talbi Alami',
    'Рашид Тальби Алами',
  ),
];
const MINISTERS: readonly Person[] = [
  person('ma.mezzour', 'MA', 'رياض مزور', 'Ryad Mezzour', 'Ryad Mezzour', 'Рияд Меззур'),
  person(
    'ma.ammor',
    'MA',
    'فاطمة الزهراء عمور',
    'Fatim-Zahra Ammor',
    'Fatim-Zahra Ammor',
    'Фатим-Захра Аммор',
  ),
  person('ma.sadiki', 'MA', 'أحمد البواري', 'Ahmed Bouari', 'Ahmed El Bouari', 'Ахмед Буари'),
];
const OFFICIALS: readonly Person[] = [
  person('ma.benmoussa', 'MA', 'شكيب بنموسى', 'Chakib Benmoussa', 'Chakib Benmoussa', 'Шакиб Бенмусса'),
  person(
    'ma.miraoui',
    'MA',
    'عبد اللطيف ميراوي',
    'Abdellatif Miraoui',
    'Abdellatif Miraoui',
    'Абделлатиф Мирауи',
  ),
];
const TOKAYEV = person(
  'kz.tokayev',
  'KZ',
  'قاسم جومارت توكاييف',
  'Kassym-Jomart Tokaïev',
  'Kassym-Jomart Tokayev',
  'Касым-Жомарт Токаев',
);
const KING = person(
  'ma.mohammed6',
  'MA',
  'الملك محمد السادس',
  'Mohammed VI',
  'King Mohammed VI',
  'Мухаммед VI',
);
/** Members of a delegation the knowledge base does not know: their ids differ by script. */
const DELEGATES: readonly Person[] = [
  person('x', 'KZ', 'أيبك سمادياروف', 'Aïbek Smadiarov', 'Aibek Smadiyarov', 'Айбек Смадияров'),
  person('x', 'KZ', 'ألماس أيداروف', 'Almas Aïdarov', 'Almas Aidarov', 'Алмас Айдаров'),
];

const AGREEMENTS: readonly Readonly<Record<Lang, string>>[] = [
  {
    ar: 'مذكرة تفاهم في مجال السياحة',
    fr: 'Mémorandum d’entente sur la coopération touristique',
    en: 'Memorandum of understanding on tourism cooperation',
    ru: 'Меморандум о взаимопонимании в сфере туризма',
  },
  {
    ar: 'اتفاقية الإعفاء من التأشيرة',
    fr: 'Accord d’exemption de visa',
    en: 'Visa exemption agreement',
    ru: 'Соглашение об отмене визового режима',
  },
];

const PHRASE: Record<Lang, Record<string, string>> = {
  ar: { visit: 'زيارة', meeting: 'مباحثات', call: 'اتصال هاتفي', signing: 'توقيع' },
  fr: { visit: 'visite', meeting: 'entretien', call: 'entretien téléphonique', signing: 'signature' },
  en: { visit: 'visit', meeting: 'talks', call: 'phone call', signing: 'signed' },
  ru: { visit: 'визит', meeting: 'переговоры', call: 'телефонный разговор', signing: 'подписали' },
};

function participant(p: Person, lang: Lang): Participant {
  const name = p.names[lang];
  // The extractor's unknown:<matchKey>: folded words of the name as written, so per script.
  const actorId = p.id === 'x' ? `unknown:${name.toLowerCase().split(/\s+/).join('-')}` : p.id;
  return { actorId, name, names: { [lang]: name }, country: p.country };
}

/** One real event's kind, for the partOf check. */
export type RealKind = 'visit' | 'meeting' | 'call' | 'signing';

export interface RealEvent {
  readonly id: string;
  readonly kind: RealKind;
  /** The visit it took place within. */
  readonly partOf?: string;
}

/** A report of a real event as one article gives it. */
interface PlannedReport {
  readonly real: string;
  readonly lang: Lang;
  readonly type: EventType;
  readonly cameo: string;
  readonly date: EventDate;
  readonly people: readonly Person[];
  readonly place?: string;
  readonly agreement?: Readonly<Record<Lang, string>>;
  readonly main: boolean;
  readonly published: string;
}

export interface MergeCorpus {
  /** In the order an indexer receives them. */
  readonly articles: readonly ArticleExtracted[];
  /** `${articleId}#${reportIndex}` → the real event it tells. */
  readonly truth: ReadonlyMap<string, string>;
  readonly events: readonly RealEvent[];
}

export function reportKey(articleId: string, reportIndex: number): string {
  return `${articleId}#${reportIndex}`;
}

const day = (value: string, source: EventDate['source'] = 'text'): EventDate => ({
  value,
  precision: 'day',
  source,
});
const range = (first: string, last: string): EventDate => ({
  value: first,
  end: last,
  precision: 'day',
  source: 'text',
});
const month = (value: string): EventDate => ({
  value: value.slice(0, 7),
  precision: 'month',
  source: 'text',
});

function pick<T>(list: readonly T[], random: () => number): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = list[i];
    const b = list[j];
    if (a === undefined || b === undefined) continue;
    list[i] = b;
    list[j] = a;
  }
  return list;
}

/**
 * `episodes` episodes, three months apart from January 2015 on. Each: a visit (days d..d+2) of
 * a Kazakh official to Rabat, a meeting and a signing inside it on d+1, another meeting (the
 * ambassador and another Moroccan official) and a phone call of the heads of state the same day,
 * and a return visit of the same people a month later (two days) with a meeting of the same pair.
 */
export function generateMergeCorpus(episodes = 40, seed = 16): MergeCorpus {
  const random = mulberry32(seed);
  const events: RealEvent[] = [];
  const articles: ArticleExtracted[] = [];
  const truth = new Map<string, string>();
  let serial = 0;

  for (let k = 0; k < episodes; k++) {
    const monthIndex = 3 * k;
    const year = 2015 + Math.floor(monthIndex / 12);
    const m = (monthIndex % 12) + 1;
    // Days 3..25: the visit's three days stay in their month, so a report dated by the month
    // alone is not ambiguous between the visit and the return visit.
    const d = addDays(`${year}-${String(m).padStart(2, '0')}-01`, 2 + Math.floor(random() * 23));
    const d2 = addDays(d, 30 + Math.floor(random() * 5));
    const v = pick(VISITORS, random);
    const h = pick(HOSTS, random);
    const mm = pick(MINISTERS, random);
    const amb = pick(AMBASSADORS, random);
    const official = pick(OFFICIALS, random);
    const delegate = pick(DELEGATES, random);
    const agreement = pick(AGREEMENTS, random);
    const id = (name: string) => `e${k}.${name}`;
    events.push(
      { id: id('visit'), kind: 'visit' },
      { id: id('meeting'), kind: 'meeting', partOf: id('visit') },
      { id: id('signing'), kind: 'signing', partOf: id('visit') },
      { id: id('other-meeting'), kind: 'meeting' },
      { id: id('call'), kind: 'call' },
      { id: id('return-visit'), kind: 'visit' },
      { id: id('return-meeting'), kind: 'meeting', partOf: id('return-visit') },
    );
    const visit = (
      real: string,
      lang: Lang,
      date: EventDate,
      people: Person[],
      place?: string,
      main = true,
    ) =>
      ({
        real,
        lang,
        type: 'official_visit',
        cameo: '042',
        date,
        people,
        place,
        main,
        published: date.value.length === 10 ? addDays(date.end ?? date.value, 1) : addDays(d, 40),
      }) satisfies PlannedReport;
    const meeting = (
      real: string,
      lang: Lang,
      date: EventDate,
      people: Person[],
      place?: string,
      type: EventType = 'bilateral_meeting',
    ) =>
      ({
        real,
        lang,
        type,
        cameo: '040',
        date,
        people,
        place,
        main: true,
        published: date.value.length === 10 ? addDays(date.value, 1) : addDays(d, 40),
      }) satisfies PlannedReport;
    const signing = (lang: Lang, date: EventDate, people: Person[], place?: string, main = true) =>
      ({
        real: id('signing'),
        lang,
        type: lang === 'ru' ? 'joint_statement' : 'agreement_signing',
        cameo: '057',
        date,
        people,
        place,
        agreement,
        main,
        published: date.value.length === 10 ? addDays(date.value, 1) : addDays(d, 40),
      }) satisfies PlannedReport;

    // Each article tells one event, except the one on the return visit that refers back.
    const single: PlannedReport[][] = [
      // The visit in four languages: the whole range, the day of arrival, the second day, the
      // evening before (a day off), the publication date only.
      [visit(id('visit'), 'ar', range(d, addDays(d, 2)), [v, h, delegate], 'Rabat')],
      [visit(id('visit'), 'fr', day(d), [v], 'Rabat')],
      [visit(id('visit'), 'en', day(addDays(d, 1)), [v, delegate])],
      [visit(id('visit'), 'ru', day(addDays(d, -1)), [v, delegate], 'Rabat')],
      [{ ...visit(id('visit'), 'en', day(addDays(d, 3), 'published'), [v, h]), published: addDays(d, 3) }],
      // The meeting inside it, on the second day.
      [meeting(id('meeting'), 'ar', day(addDays(d, 1)), [v, mm], 'Rabat')],
      [meeting(id('meeting'), 'ru', day(addDays(d, 1)), [v, mm])],
      [meeting(id('meeting'), 'fr', month(d), [mm, delegate])],
      [
        {
          ...meeting(id('meeting'), 'en', day(addDays(d, 2), 'published'), [v, mm]),
          published: addDays(d, 2),
        },
      ],
      // The signing inside it: the agreement's name in each language.
      [signing('fr', day(addDays(d, 1)), [v, mm], 'Rabat')],
      [signing('ar', day(addDays(d, 1)), [mm], 'Rabat')],
      [signing('ru', day(addDays(d, 1)), [v], 'Rabat')],
      [signing('en', month(d), [v, mm], undefined, false)],
      // Another meeting that day, other people on both sides, in the same city.
      [meeting(id('other-meeting'), 'fr', day(addDays(d, 1)), [amb, official], 'Rabat')],
      [meeting(id('other-meeting'), 'ar', day(addDays(d, 1)), [amb], 'Rabat')],
      [meeting(id('other-meeting'), 'en', day(addDays(d, 1)), [official, delegate], 'Rabat')],
      // The heads of state on the phone that day. (Every report of an event shares a known person
      // or the place with each other one: a report naming only the Kazakh side and one naming
      // only the Moroccan side, nowhere, stay two events whatever comes later.)
      [meeting(id('call'), 'en', day(addDays(d, 1)), [TOKAYEV, KING], undefined, 'phone_call')],
      [meeting(id('call'), 'ru', day(addDays(d, 1)), [TOKAYEV, KING], undefined, 'phone_call')],
      [meeting(id('call'), 'ar', day(addDays(d, 1)), [KING], undefined, 'phone_call')],
      // The return visit a month later, same people, same city.
      [visit(id('return-visit'), 'ar', day(d2), [v], 'Rabat')],
      [visit(id('return-visit'), 'ru', month(d2), [v, delegate])],
      [
        {
          ...visit(id('return-visit'), 'en', day(addDays(d2, 1), 'published'), [v, h]),
          published: addDays(d2, 1),
        },
      ],
      [meeting(id('return-meeting'), 'en', day(addDays(d2, 1)), [v, mm], 'Rabat')],
      [meeting(id('return-meeting'), 'ar', day(addDays(d2, 1)), [v, mm])],
      [
        {
          ...meeting(id('return-meeting'), 'ru', day(addDays(d2, 2), 'published'), [v, mm]),
          published: addDays(d2, 2),
        },
      ],
      // The return visit's news, and a reference back to the first visit by its month.
      [
        visit(id('return-visit'), 'fr', range(d2, addDays(d2, 1)), [v, h], 'Rabat'),
        { ...visit(id('visit'), 'fr', month(d), [v], undefined, false), published: addDays(d2, 2) },
      ],
    ];
    for (const reports of shuffle(single, random)) {
      const first = reports[0];
      if (!first) continue;
      const n = serial++;
      const url = `https://merge.example/${first.lang}/${n}`;
      const articleId = articleIdFor(url);
      const sentences = reports.map((r) => sentence(r));
      let offset = 0;
      const events: EventReport[] = reports.map((r, i) => {
        const text = sentences[i] ?? '';
        const start = offset;
        offset += text.length + 1;
        truth.set(reportKey(articleId, i), r.real);
        return {
          type: r.type,
          cameo: r.cameo,
          date: r.date,
          ...(r.place ? { location: { name: r.place, country: 'MA' } } : {}),
          participants: r.people.map((p) => participant(p, r.lang)),
          topics: ['politics'],
          agreements: r.agreement ? [{ name: r.agreement[r.lang], status: 'signed' as const }] : [],
          main: r.main,
          // Each report's evidence is its own sentence: where it ends up tells which event took it.
          evidence: [{ field: 'type', text, start, end: start + text.length }],
        };
      });
      articles.push({
        schema: 1,
        articleId,
        url,
        sourceId: 'merge-bench',
        origin: 'crawl',
        fetchedAt: '2026-11-22T10:00:00.000Z',
        title: `${first.lang} ${n}`,
        text: sentences.join('\n'),
        lang: first.lang,
        publishedAt: { value: first.published, source: 'meta' },
        relevance: { score: 1, relevant: true, reasons: [], assessed: true },
        cleaner: { version: 'bench', method: 'bench' },
        mentions: { actors: [], places: [], dates: [] },
        events,
        extractorVersion: 'bench',
      });
    }
  }
  return { articles, truth, events };
}

function sentence(r: PlannedReport): string {
  const kind =
    r.type === 'official_visit'
      ? 'visit'
      : r.type === 'phone_call'
        ? 'call'
        : r.type === 'bilateral_meeting'
          ? 'meeting'
          : 'signing';
  const names = r.people.map((p) => p.names[r.lang]).join(', ');
  const what = r.agreement ? ` ${r.agreement[r.lang]}` : '';
  return `${names}: ${PHRASE[r.lang][kind]}${what}${r.place ? ` (${r.place})` : ''} ${r.date.value}.`;
}

export { LANGS };

/** Pairwise scores of a clustering against the truth (both map an item to its cluster). */
export function pairwiseScores(
  truth: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): {
  precision: number;
  recall: number;
  truePairs: number;
  wrongPairs: number;
  missedPairs: number;
  /** Predicted clusters holding reports of more than one real event. */
  wrongMerges: number;
  /** Real events told by more than one predicted cluster: one for each extra cluster. */
  duplicates: number;
  predictedEvents: number;
  realEvents: number;
} {
  const pairs = (groups: Map<string, string[]>) => [...groups.values()];
  const byPredicted = new Map<string, string[]>();
  const byReal = new Map<string, string[]>();
  for (const [item, real] of truth) {
    byReal.set(real, [...(byReal.get(real) ?? []), item]);
    const cluster = predicted.get(item);
    if (cluster !== undefined) byPredicted.set(cluster, [...(byPredicted.get(cluster) ?? []), item]);
  }
  let truePairs = 0;
  let wrongPairs = 0;
  let wrongMerges = 0;
  for (const items of pairs(byPredicted)) {
    const reals = new Map<string, number>();
    for (const item of items) {
      const real = truth.get(item) ?? '';
      reals.set(real, (reals.get(real) ?? 0) + 1);
    }
    if (reals.size > 1) wrongMerges++;
    const n = items.length;
    const same = [...reals.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
    truePairs += same;
    wrongPairs += (n * (n - 1)) / 2 - same;
  }
  let realPairs = 0;
  let duplicates = 0;
  for (const items of pairs(byReal)) {
    realPairs += (items.length * (items.length - 1)) / 2;
    // An item with no predicted cluster (lost) counts as a cluster of its own.
    const clusters = new Set(items.map((item) => predicted.get(item) ?? `lost:${item}`));
    duplicates += clusters.size - 1;
  }
  return {
    precision: truePairs + wrongPairs === 0 ? 1 : truePairs / (truePairs + wrongPairs),
    recall: realPairs === 0 ? 1 : truePairs / realPairs,
    truePairs,
    wrongPairs,
    missedPairs: realPairs - truePairs,
    wrongMerges,
    duplicates,
    predictedEvents: byPredicted.size,
    realEvents: byReal.size,
  };
}
