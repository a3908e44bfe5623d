/**
 * Kazakh (Cyrillic) as the extractor reads it: words behind their suffixes, and the failure
 * classes of real news (see real-news.test.ts for the same cases in ar, fr, en, ru). The sentences
 * are written for these tests, in the way Kazakh outlets write; none is copied from an article.
 */
import type { EventReport } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';
import { loadKnowledgeIndex } from './knowledge-index.ts';

const kb = loadKnowledgeIndex();

const run = (text: string, publishedAt: string | null, fetchedAt?: string) =>
  extract({ text, lang: 'kk', publishedAt, ...(fetchedAt ? { fetchedAt } : {}) }, kb).events;
const mains = (events: readonly EventReport[]) => events.filter((e) => e.main);
const ids = (e: EventReport | undefined) => (e?.participants ?? []).map((p) => p.actorId).sort();
const dates = (text: string, publishedAt: string | null = '2025-04-10') =>
  extract({ text, lang: 'kk', publishedAt }, kb).mentions.dates.map((d) => d.value);

// How a Kazakh word is keyed (its suffixes, its verbal noun) is tested in @dyad/text (tokenize.test.ts).
describe('dates in Kazakh', () => {
  it('reads a year written before its day or month', () => {
    expect(dates('Келісімге 2025 жылғы 5 наурызда Астанада қол қойылды.')).toEqual(['2025-03-05']);
    expect(dates('Келісімге 2024 жылдың қыркүйегінде қол қойылды.')).toEqual(['2024-09']);
    expect(dates('Сапар 2025 жылғы 24-26 қараша аралығында өтті.')).toEqual(['2025-11-24']);
  });
  it('reads a month with a case ending as a date, and a bare month name as none', () => {
    expect(dates('Визасыз режим наурызда күшіне енді.')).toEqual(['2025-03']);
    expect(dates('Наурыз мерекесі тойланды.')).toEqual([]);
  });
  it('reads "2024 жылы өткен форум" (held in 2024) as 2024, not as last year', () => {
    expect(dates('2024 жылы өткен форумда келісімге қол қойылды.')).toEqual(['2024']);
    expect(dates('Өткен жылы екі ел арасындағы тауар айналымы өсті.')).toEqual(['2024']);
  });
  it('takes no article date from a state of things that began on a day ("бастап", "бері")', () => {
    const { articleDate } = extract(
      {
        text: 'Рабатта Қазақстан елшілігі 2021 жылғы 1 наурыздан бері жұмыс істейді. Елші Сәулекүл Сайлауқызы Марокко Сыртқы істер министрі Насер Буритамен кездесті.',
        lang: 'kk',
        publishedAt: null,
      },
      kb,
    );
    expect(articleDate).toBeNull();
  });
});

describe('event types in Kazakh', () => {
  it('a visit, and a meeting inside it told after it, each an event of its own', () => {
    const found = mains(
      run(
        'Қазақстан Парламенті Мәжілісінің Төрағасы Ерлан Қошанов 24-26 қараша аралығында Марокко Корольдігіне ресми сапармен барды. Сапар барысында Ерлан Қошанов сейсенбі күні Рабатта Марокко Өкілдер палатасының Төрағасы Рашид Талби Аламимен кездесті.',
        '2025-11-26',
      ),
    );
    const visit = found.find((e) => e.type === 'official_visit');
    expect(visit?.date).toMatchObject({ value: '2025-11-24', end: '2025-11-26' });
    expect(ids(visit)).toEqual(['kz.koshanov']);
    const meeting = found.find((e) => e.type === 'parliamentary_meeting');
    expect(meeting?.date?.value).toBe('2025-11-25');
    expect(ids(meeting)).toEqual(['kz.koshanov', 'ma.talbi-alami']);
    expect(meeting?.location?.name).toBe('Rabat');
  });

  it('a signing, with the document and where it was signed', () => {
    const [e, ...rest] = mains(
      run(
        'Қазақстан мен Марокко 5 наурызда Астанада энергетика саласындағы ынтымақтастық туралы өзара түсіністік меморандумына қол қойды.',
        '2025-03-06',
      ),
    );
    expect(rest).toEqual([]);
    expect(e?.type).toBe('agreement_signing');
    expect(e?.date?.value).toBe('2025-03-05');
    expect(e?.agreements.map((a) => a.name)).toEqual(['memorandum of understanding']);
    expect(e?.location?.name).toBe('Astana');
  });

  it('a phone call, with both heads of state as participants', () => {
    const [e] = mains(
      run(
        'Мемлекет басшысы Қасым-Жомарт Тоқаев Марокко Королі VI Мұхаммедпен телефон арқылы сөйлесті. Тараптар екі ел арасындағы сауда-экономикалық ынтымақтастықты талқылады.',
        '2025-04-15',
      ),
    );
    expect(e?.type).toBe('phone_call');
    expect(ids(e)).toEqual(['kz.tokayev', 'ma.mohammed-vi']);
    expect(e?.topics).toContain('trade');
  });

  it('an entry into force, dated by the day the text gives', () => {
    const [e] = mains(
      run(
        'АСТАНА, 19 наурыз. Қазақстан мен Марокко арасындағы визалық талаптардан өзара босату туралы келісім бүгін күшіне енді.',
        '2025-03-19',
      ),
    );
    expect(e?.type).toBe('agreement_entry_into_force');
    expect(e?.date?.value).toBe('2025-03-19');
    expect(e?.agreements.map((a) => a.name)).toContain('visa waiver agreement');
  });
});

// 1. No date, no event: an event is never dropped for want of a date.
describe('an event is never dropped for want of a date', () => {
  const todayFriday =
    'Қазақстан Сыртқы істер министрі Мұрат Нұртілеу бүгін, жұма күні, Рабатта Марокко Сыртқы істер министрі Насер Буритамен келіссөздер жүргізді.';
  it('keeps "бүгін, жұма күні" undated when nothing tells the day', () => {
    const [news, ...rest] = mains(run(todayFriday, null));
    expect(rest).toEqual([]);
    expect(news?.type).toBe('bilateral_meeting');
    expect(news?.date).toBeNull();
    expect(ids(news)).toEqual(['kz.nurtleu', 'ma.bourita']);
  });
  it('reads the Friday against the fetch time, and says so', () => {
    const [news] = mains(run(todayFriday, null, '2025-03-02T09:00:00Z'));
    expect(news?.date).toEqual({ value: '2025-02-28', precision: 'day', source: 'fetched' });
  });
  it('reads the Friday against the publication date as the text’s date', () => {
    const [news] = mains(run(todayFriday, '2025-02-28'));
    expect(news?.date).toEqual({ value: '2025-02-28', precision: 'day', source: 'text' });
  });
});

// 3. Background dates never date the news.
describe('background dates never date the news', () => {
  const text =
    'Марокко Сыртқы істер министрі Насер Бурита Рабатта Қазақстанның елшісі Сәулекүл Сайлауқызын қабылдады. Марокко мен Қазақстан арасындағы дипломатиялық қатынастар 1992 жылы орнатылды, ал Қазақстан елшілігі Рабатта 2021 жылдан бері жұмыс істейді.';
  it('leaves the news undated rather than in 1992 when the article has no date', () => {
    const events = run(text, null);
    const [news, ...rest] = mains(events);
    expect(rest).toEqual([]);
    expect(news?.type).toBe('courtesy_visit');
    expect(news?.date).toBeNull();
    expect(ids(news)).toEqual(['kz.sailaukyzy', 'ma.bourita']);
    for (const e of events.filter((x) => x.date?.value === '1992' || x.date?.value === '2021'))
      expect(e.main).toBe(false);
  });
  it('dates the news by the fetch, not by the background, for a crawled page', () => {
    const [news] = mains(run(text, null, '2025-05-14T08:00:00Z'));
    expect(news?.date).toEqual({ value: '2025-05', precision: 'month', source: 'fetched' });
  });
});

describe('roles in Kazakh word order', () => {
  it('gives a role the country written before it, not the one after it', () => {
    const [e] = mains(
      run('Қазақстан Сыртқы істер министрі Марокконың Қазақстандағы елшісін қабылдады.', '2025-04-08'),
    );
    expect(e?.type).toBe('courtesy_visit');
    expect(ids(e)).toEqual(['kz.nurtleu']);
  });
  it('reads the country in the host locative as where an ambassador serves', () => {
    const [e] = mains(
      run(
        'Марокко Сыртқы істер министрі Рабатта Қазақстанның Марокко Корольдігіндегі Төтенше және өкілетті елшісін қабылдады.',
        '2025-04-08',
      ),
    );
    expect(ids(e)).toEqual(['kz.sailaukyzy', 'ma.bourita']);
  });
  it('takes no name after a role in the genitive: it owns what follows', () => {
    const [e] = mains(
      run(
        'Марокко Сыртқы істер министрі Насер Бурита Қазақстан Президентінің Әкімшілігі Басшысымен кездесті.',
        '2025-04-08',
      ),
    );
    expect(e?.participants.map((p) => p.actorId).filter((id) => id.startsWith('unknown:'))).toEqual([]);
  });
});

describe('people talked about are no participants', () => {
  it('greetings conveyed on behalf of the President do not make him a participant', () => {
    const [e] = mains(
      run(
        'Қазақстан Премьер-министрі Олжас Бектенов сейсенбі күні Рабатта Марокко Үкіметінің басшысы Азиз Аханнушпен кездесіп, Президент Қасым-Жомарт Тоқаевтың сәлемін жеткізді.',
        '2025-05-08',
      ),
    );
    expect(e?.type).toBe('bilateral_meeting');
    expect(ids(e)).toEqual(['kz.bektenov', 'ma.akhannouch']);
  });
  it('nor does "on behalf of the head of state"', () => {
    const [e] = mains(
      run(
        'Қазақстанның Мароккодағы елшісі Сәулекүл Сайлауқызы Мемлекет басшысы Қасым-Жомарт Тоқаевтың атынан Рабатта Марокко Сыртқы істер министрі Насер Буритамен кездесті.',
        '2025-05-08',
      ),
    );
    expect(e?.type).toBe('courtesy_visit');
    expect(ids(e)).toEqual(['kz.sailaukyzy', 'ma.bourita']);
  });
});

describe('what the article is not about', () => {
  it('an entry into force mentioned in passing is not the news of an article about something else', () => {
    const events = run(
      'Алматыда Марокко мәдениеті күндері ашылды. Іс-шараның ашылу рәсіміне Марокконың Қазақстандағы елшілігінің өкілдері мен қазақстандық өнер ұжымдары қатысты. Қазақстан мен Марокко арасындағы визасыз режим күшіне енгеннен кейін екі елдің туристері бір-біріне жиі бара бастады.',
      '2025-10-02',
    );
    expect(mains(events).map((e) => e.type)).not.toContain('agreement_entry_into_force');
    expect(mains(events)[0]?.type).toBe('other');
  });

  it('an article about Kazakhstan and a third country yields nothing', () => {
    expect(
      run(
        'Мемлекет басшысы Қасым-Жомарт Тоқаев Ақордада Өзбекстан Республикасының Сыртқы істер министрі Бахтиёр Саидовты қабылдады. Кездесуде екі ел арасындағы сауда-экономикалық ынтымақтастық мәселелері талқыланды.',
        '2025-06-03',
      ),
    ).toEqual([]);
    expect(
      run(
        'Президент Қасым-Жомарт Тоқаев Түркия Президенті Режеп Тайып Ердоғанмен телефон арқылы сөйлесіп, жер сілкінісіне байланысты көңіл айтты.',
        '2025-02-07',
      ),
    ).toEqual([]);
  });

  it('a future plan', () => {
    expect(
      run(
        'Қазақстан Сыртқы істер министрі келесі айда Рабатқа ресми сапармен барып, Насер Буритамен кездеседі.',
        '2025-04-10',
      ),
    ).toEqual([]);
  });
});
