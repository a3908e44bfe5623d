import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';
import { loadKnowledgeIndex } from './knowledge-index.ts';

const kb = loadKnowledgeIndex();

const events = (text: string, lang: string, publishedAt = '2025-04-10') =>
  extract({ text, lang, publishedAt }, kb).events;
const dates = (text: string, lang: string, publishedAt = '2025-04-10') =>
  extract({ text, lang, publishedAt }, kb).mentions.dates;

describe('dates in four languages', () => {
  it('reads Moroccan month names, ranges and weekdays in Arabic', () => {
    expect(dates('زار الوفد أستانا من 21 إلى 25 شتنبر 2025.', 'ar')[0]).toMatchObject({
      value: '2025-09-21',
      end: '2025-09-25',
    });
    expect(dates('وقع الاتفاق في 28 غشت 2024.', 'ar')[0]?.value).toBe('2024-08-28');
    expect(dates('التقى الوزيران يوم الجمعة 28 فبراير 2025.', 'ar')[0]?.value).toBe('2025-02-28');
  });
  it('resolves "last March" to the latest March before the reference date', () => {
    expect(dates('دخل الاتفاق حيز التنفيذ في مارس الماضي.', 'ar', '2025-04-10')[0]?.value).toBe('2025-03');
    expect(dates('L’accord est entré en vigueur en mars dernier.', 'fr', '2025-02-10')[0]?.value).toBe(
      '2024-03',
    );
    expect(dates('The agreement entered into force last March.', 'en', '2025-04-10')[0]?.value).toBe(
      '2025-03',
    );
    expect(dates('Соглашение вступило в силу в марте прошлого года.', 'ru', '2025-04-10')[0]?.value).toBe(
      '2024-03',
    );
  });
  it('reads French and Russian day ranges and English month-first dates', () => {
    expect(dates('La visite a eu lieu du 21 au 25 septembre 2025.', 'fr')[0]).toMatchObject({
      value: '2025-09-21',
      end: '2025-09-25',
    });
    expect(dates('Визит прошел с 21 по 25 сентября 2025 года.', 'ru')[0]).toMatchObject({
      value: '2025-09-21',
      end: '2025-09-25',
    });
    expect(dates('The minister arrived on February 28, 2025.', 'en')[0]?.value).toBe('2025-02-28');
  });
  it('resolves yesterday against the publication date, and lets a written date win', () => {
    expect(dates('Le ministre a reçu hier l’ambassadeur.', 'fr', '2025-04-10')[0]?.value).toBe('2025-04-09');
    expect(
      dates('عقد الوفد لقاء يوم أمس الثلاثاء 23 شتنبر الجاري.', 'ar', '2025-09-24').map((d) => d.value),
    ).toEqual(['2025-09-23']);
  });
  it('reads the time after a dateline as a time, not as the end of a span of days', () => {
    for (const [line, lang] of [
      ['هسبريس - الثلاثاء 11 نونبر 2025 - 14:20', 'ar'],
      ['Le360 – 11 novembre 2025 - 14:20', 'fr'],
      ['11 November 2025 - 14:20 GMT', 'en'],
    ] as const) {
      const [date] = dates(line, lang, '2025-11-11');
      expect(date, lang).toEqual(expect.objectContaining({ value: '2025-11-11' }));
      expect(date?.end, lang).toBeUndefined();
    }
  });
  it('uses the weekday to choose the year when none is written', () => {
    // 28 February was a Friday in 2025, not in 2026.
    expect(dates('استقبل الوزير نظيره يوم الجمعة 28 فبراير.', 'ar', '2026-01-10')[0]?.value).toBe(
      '2025-02-28',
    );
  });
});

describe('actors: clitics, case endings, role phrases', () => {
  it('matches Arabic names behind clitics (و ب ل ال)', () => {
    const [e] = events('واستقبل بوريطة بالرباط لنورتليو في زيارة رسمية يوم 28 فبراير 2025.', 'ar');
    expect(e?.participants.map((p) => p.actorId)).toEqual(
      expect.arrayContaining(['ma.bourita', 'kz.nurtleu']),
    );
  });
  it('matches Russian names in any case', () => {
    const [e] = events(
      'Токаев провел телефонный разговор с Мухаммедом VI и обсудил с Бурите торговлю.',
      'ru',
    );
    expect(e?.type).toBe('phone_call');
    expect(e?.participants.map((p) => p.actorId)).toEqual(
      expect.arrayContaining(['kz.tokayev', 'ma.mohammed-vi']),
    );
  });
  it('resolves a role without a name at the date of the event', () => {
    const [early] = events(
      'The Kazakh Foreign Minister met Nasser Bourita in Rabat on 28 February 2025.',
      'en',
    );
    expect(early?.participants.map((p) => p.actorId)).toEqual(
      expect.arrayContaining(['kz.nurtleu', 'ma.bourita']),
    );
    const [late] = events(
      'The Kazakh Foreign Minister met Nasser Bourita in Rabat on 3 November 2025.',
      'en',
      '2025-11-04',
    );
    expect(late?.participants.map((p) => p.actorId)).toEqual(expect.arrayContaining(['kz.kosherbayev']));
  });
  it('keeps titled unknown persons as unknown: actors', () => {
    const [e] = events(
      'استقبل السيد أحمد العلوي، سفير المغرب لدى كازاخستان، في أستانا يوم 3 مارس 2025 في زيارة مجاملة.',
      'ar',
    );
    expect(e?.participants.some((p) => p.actorId.startsWith('unknown:') && p.country === 'MA')).toBe(true);
  });
});

describe('event types in four languages', () => {
  const cases: [string, string, string][] = [
    [
      'ar',
      'قام وزير الخارجية الكازاخي مراد نورتليو بزيارة رسمية إلى الرباط يوم 28 فبراير 2025.',
      'official_visit',
    ],
    [
      'fr',
      'Nasser Bourita a eu un entretien téléphonique avec son homologue kazakh Mourat Nourtleou le 3 mars 2025.',
      'phone_call',
    ],
    [
      'en',
      'Morocco and Kazakhstan signed a memorandum of understanding on energy cooperation in Astana on 5 March 2025.',
      'agreement_signing',
    ],
    [
      'ru',
      'Соглашение о взаимном освобождении от визовых требований между Казахстаном и Марокко вступило в силу 19 марта 2025 года.',
      'agreement_entry_into_force',
    ],
    [
      'fr',
      'Le président du Majilis, Yerlan Koshanov, a rencontré à Rabat le 24 novembre 2025 le président de la Chambre des représentants, Rachid Talbi Alami, et le groupe d’amitié parlementaire.',
      'parliamentary_meeting',
    ],
    [
      'en',
      'On 2 March 2025, Kazakhstan reaffirmed its support for Morocco’s autonomy plan for the Sahara.',
      'policy_statement',
    ],
  ];
  for (const [lang, text, type] of cases) {
    it(`${lang}: ${type}`, () => {
      expect(events(text, lang, '2025-11-25').map((e) => e.type)).toContain(type);
    });
  }
});

describe('near-misses yield nothing', () => {
  it('a third country', () => {
    expect(
      events(
        'وأجرى رئيس مجلس المستشارين المغربي لقاء مع رئيسة البرلمان الأذربيجاني يوم 6 أبريل 2025 لبحث التعاون بين المغرب وأذربيجان.',
        'ar',
      ),
    ).toEqual([]);
    expect(
      events(
        'Kazakh Foreign Minister Murat Nurtleu met his Azerbaijani counterpart in Baku on 3 March 2025.',
        'en',
      ),
    ).toEqual([]);
    expect(
      events('Le Maroc et l’Azerbaïdjan ont signé un accord de coopération le 3 mars 2025.', 'fr'),
    ).toEqual([]);
    expect(
      events('Токаев провел переговоры с президентом Узбекистана в Ташкенте 3 марта 2025 года.', 'ru'),
    ).toEqual([]);
  });
  it('a future plan', () => {
    expect(
      events(
        'Kazakh Foreign Minister Murat Nurtleu will visit Rabat next month to meet Nasser Bourita.',
        'en',
      ),
    ).toEqual([]);
    expect(events('سيقوم وزير الخارجية الكازاخي بزيارة إلى الرباط الشهر المقبل.', 'ar')).toEqual([]);
  });
  it('a denial', () => {
    expect(events('Le ministère a démenti la visite de Nasser Bourita à Astana.', 'fr')).toEqual([]);
    expect(events('МИД опроверг визит Насера Бурита в Астану.', 'ru')).toEqual([]);
  });
});

describe('counterparts', () => {
  const ids = (text: string, lang: string, publishedAt: string) =>
    events(text, lang, publishedAt)
      .find((e) => e.main)
      ?.participants.map((p) => p.actorId)
      .sort();
  it('resolves "his Kazakh counterpart" to the holder of the same office on the other side, at the date', () => {
    // The Kazakh foreign minister changed on 26 September 2025.
    expect(ids('تلقى ناصر بوريطة اتصالا هاتفيا من نظيره الكازاخستاني.', 'ar', '2025-03-26')).toEqual([
      'kz.nurtleu',
      'ma.bourita',
    ]);
    expect(
      ids('Nasser Bourita s’est entretenu, mardi à Rabat, avec son homologue kazakh.', 'fr', '2025-11-26'),
    ).toEqual(['kz.kosherbayev', 'ma.bourita']);
    expect(
      ids('Бурита провел телефонный разговор со своим казахстанским коллегой.', 'ru', '2025-11-26'),
    ).toEqual(['kz.kosherbayev', 'ma.bourita']);
  });
  it('takes the office from the role phrase when the anchor is itself a role', () => {
    expect(
      ids(
        "Kazakhstan's Foreign Minister held a phone call with his Moroccan counterpart on Tuesday.",
        'en',
        '2025-11-26',
      ),
    ).toEqual(['kz.kosherbayev', 'ma.bourita']);
  });
  it('does not count people named after "on behalf of" or "greetings from" as participants', () => {
    expect(
      ids(
        'Kazakh Foreign Minister Murat Nurtleu held talks with Nasser Bourita in Rabat on Friday, conveying greetings from President Kassym-Jomart Tokayev to King Mohammed VI.',
        'en',
        '2025-03-01',
      ),
    ).toEqual(['kz.nurtleu', 'ma.bourita']);
    expect(
      ids(
        'Aziz Akhannouch s’est entretenu mardi à Rabat avec le Premier ministre kazakh, Olzhas Bektenov, au nom du président Tokayev.',
        'fr',
        '2025-05-08',
      ),
    ).toEqual(['kz.bektenov', 'ma.akhannouch']);
  });
});

describe('places', () => {
  const main = (text: string, lang: string, publishedAt = '2025-11-26') =>
    events(text, lang, publishedAt).filter((e) => e.main);
  it('places a meeting with no place of its own at the dateline city, citing it', () => {
    const [e] = main(
      'АСТАНА. КАЗИНФОРМ – Министр иностранных дел Ермек Кошербаев вчера провел переговоры с послом Марокко в Казахстане.',
      'ru',
    );
    expect(e?.location).toEqual({ name: 'Astana', country: 'KZ' });
    expect(e?.evidence.map((x) => x.field)).toContain('location:dateline');
  });
  it('places a visit at its destination, not at the visitors’ home city', () => {
    const [e] = main(
      'Une délégation du conseil de la ville de Rabat a effectué une visite de travail au Kazakhstan du 16 au 19 octobre 2023.',
      'fr',
      '2023-10-20',
    );
    expect(e?.type).toBe('official_visit');
    expect(e?.location).toEqual({ name: 'Kazakhstan', country: 'KZ' });
  });
  it('places a signing where the sentence says it was signed', () => {
    const [e] = main(
      'Morocco and Kazakhstan signed a memorandum of understanding on tourism in Marrakesh on Tuesday.',
      'en',
    );
    expect(e?.type).toBe('agreement_signing');
    expect(e?.location?.name).toBe('Marrakesh');
  });
});

describe('the same day, the same year', () => {
  it('reads "the same day" as the day told just before, not as today', () => {
    const found = events(
      'استقبل الوزير الأول المغربي عزيز أخنوش يوم 8 شتنبر 2023 سفيرة كازاخستان. وفي اليوم ذاته، بعث الرئيس قاسم جومارت توكاييف برقية تعزية إلى الملك محمد السادس.',
      'ar',
      '2023-09-10',
    );
    expect(found.map((e) => e.date?.value)).not.toContain('2023-09-10');
    expect(found.find((e) => e.type === 'other')?.date).toMatchObject({
      value: '2023-09-08',
      precision: 'day',
    });
  });
  it('reads "in the same year" as the year just named', () => {
    const found = events(
      'В 2014 году Председатель Палаты советников Марокко посетил Астану. В том же году ответный визит в Рабат совершил Касым-Жомарт Токаев.',
      'ru',
      '2025-11-26',
    );
    const visits = found.filter((e) => e.type === 'official_visit');
    expect(visits.map((e) => e.date)).toEqual([
      { value: '2014', precision: 'year', source: 'text' },
      { value: '2014', precision: 'year', source: 'text' },
    ]);
    expect(visits.every((e) => !e.main)).toBe(true);
  });
});

describe('a meeting inside a visit told in one sentence', () => {
  it('gives the span to the visit and the weekday to the talks', () => {
    const found = events(
      'ASTANA – Moroccan Minister of Agriculture Ahmed El Bouari, who is on a working visit to Kazakhstan on June 10-12, held talks with Kazakh Minister of Agriculture Aidarbek Saparov on Wednesday.',
      'en',
      '2025-06-12',
    ).filter((e) => e.main);
    expect(found.map((e) => [e.type, e.date?.value, e.date?.end ?? null])).toEqual([
      ['bilateral_meeting', '2025-06-11', null],
      ['official_visit', '2025-06-10', '2025-06-12'],
    ]);
  });
});

describe('positions stated at a meeting', () => {
  it('makes a policy statement of its own, on the meeting’s day, by who stated it', () => {
    const found = events(
      'Le ministre kazakh Mourat Nourtleou a rencontré samedi à Istanbul son homologue marocain Nasser Bourita. Nourtleou a réitéré à cette occasion le soutien de son pays à l’intégrité territoriale du Royaume et au plan d’autonomie.',
      'fr',
      '2025-06-22',
    );
    const policy = found.find((e) => e.type === 'policy_statement');
    expect(policy).toMatchObject({ main: true, date: { value: '2025-06-21', precision: 'day' } });
    expect(policy?.participants.map((p) => p.actorId)).toEqual(['kz.nurtleu']);
  });
  it('leaves a position written into a joint statement to that statement', () => {
    const found = events(
      'Dans la déclaration conjointe signée le 28 février 2025 à Rabat, le Kazakhstan a réaffirmé son soutien au plan d’autonomie marocain.',
      'fr',
      '2025-03-01',
    );
    expect(found.map((e) => e.type)).toEqual(['joint_statement']);
  });
});

describe('an event told again with its date', () => {
  it('dates the news from "the meeting took place on 14 May"', () => {
    const found = events(
      'Посол Казахстана в Марокко Саулекуль Сайлаукызы провела встречу с мэром Рабата Фатихой Эль-Мудни. Встреча состоялась 14 мая в здании мэрии.',
      'ru',
      '2025-05-15',
    ).filter((e) => e.main);
    expect(found.map((e) => [e.type, e.date?.value])).toEqual([['courtesy_visit', '2025-05-14']]);
  });
});

describe('"the two sides" of another pair', () => {
  it('finds nothing when the last pair named is Morocco and Uzbekistan', () => {
    expect(
      events(
        'Nasser Bourita held talks in Rabat on Tuesday with Uzbekistan’s foreign minister Bakhtiyor Saidov. They agreed to launch direct flights between Casablanca and Tashkent. On this occasion, the two ministers signed a memorandum of understanding.',
        'en',
        '2026-01-28',
      ),
    ).toEqual([]);
  });
  it('borrows no side from a list of countries', () => {
    expect(
      events(
        'По оценкам экспертов, страны Северной Африки – Алжир, Египет, Марокко и Тунис – остаются перспективными рынками для казахстанского зерна. Токаев поздравил казахстанцев с Днем Независимости.',
        'ru',
        '2025-12-23',
      ),
    ).toEqual([]);
  });
});

describe('spans of months', () => {
  it('reads a span of months in each language, the first month taking the last one’s year', () => {
    const span = { value: '2025-01', end: '2025-05', precision: 'month' };
    expect(dates('Les importations de janvier à mai 2025 ont doublé.', 'fr')[0]).toMatchObject(span);
    expect(dates('Imports from January to May 2025 doubled.', 'en')[0]).toMatchObject(span);
    expect(dates('Импорт с января по май 2025 года удвоился.', 'ru')[0]).toMatchObject(span);
    expect(dates('تضاعفت الواردات خلال الفترة من يناير إلى ماي 2025.', 'ar')[0]).toMatchObject(span);
    expect(dates('Exports between September 2024 and July 2025 rose.', 'en')[0]).toMatchObject({
      value: '2024-09',
      end: '2025-07',
    });
    expect(dates('Exports between September and July 2025 rose.', 'en')[0]).toMatchObject({
      value: '2024-09',
      end: '2025-07',
    });
  });
});
