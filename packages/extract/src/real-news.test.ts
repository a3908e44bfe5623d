/**
 * The failure classes that unseen real articles exposed (issue "Extraction that holds on real
 * news"), each as general cases in every language it occurs in. The sentences are written for these
 * tests, in the way outlets write; none is copied from a corpus article.
 */
import type { EventReport } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';
import { loadKnowledgeIndex } from './knowledge-index.ts';

const kb = loadKnowledgeIndex();

const run = (text: string, lang: string, publishedAt: string | null, fetchedAt?: string) =>
  extract({ text, lang, publishedAt, ...(fetchedAt ? { fetchedAt } : {}) }, kb).events;
const mains = (events: readonly EventReport[]) => events.filter((e) => e.main);
const ids = (e: EventReport | undefined) => (e?.participants ?? []).map((p) => p.actorId).sort();

// 1. No date, no event: an event is never dropped for want of a date.
const TODAY_FRIDAY: Record<string, string> = {
  en: 'Kazakh Foreign Minister Murat Nurtleu held talks today, Friday, in Rabat with Moroccan Foreign Minister Nasser Bourita.',
  fr: "Le ministre des Affaires étrangères Nasser Bourita s'est entretenu ce vendredi à Rabat avec le ministre kazakh des Affaires étrangères, Murat Nurtleu.",
  ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة، اليوم الجمعة بالرباط، مباحثات مع وزير خارجية كازاخستان مراد نورتليو.',
  ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу провел сегодня, в пятницу, в Рабате переговоры с министром иностранных дел Марокко Насером Буритой.',
};

describe('1. an event is never dropped for want of a date', () => {
  for (const [lang, text] of Object.entries(TODAY_FRIDAY)) {
    it(`${lang}: keeps "today, Friday" undated when nothing tells the day`, () => {
      const [news, ...rest] = mains(run(text, lang, null));
      expect(rest).toEqual([]);
      expect(news?.type).toBe('bilateral_meeting');
      expect(news?.date).toBeNull();
      expect(ids(news)).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
    it(`${lang}: reads the Friday against the fetch time, and says so`, () => {
      // Fetched on Sunday 2 March 2025: the Friday before is 28 February.
      const [news] = mains(run(text, lang, null, '2025-03-02T09:00:00Z'));
      expect(news?.date).toEqual({ value: '2025-02-28', precision: 'day', source: 'fetched' });
    });
    it(`${lang}: reads the Friday against the publication date as the text's date`, () => {
      const [news] = mains(run(text, lang, '2025-02-28'));
      expect(news?.date).toEqual({ value: '2025-02-28', precision: 'day', source: 'text' });
    });
  }

  const NO_DAY: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita held talks in Rabat with Kazakh Foreign Minister Murat Nurtleu on trade and transport.',
    fr: 'Le ministre des Affaires étrangères Nasser Bourita a eu des entretiens à Rabat avec le ministre kazakh des Affaires étrangères, Murat Nurtleu, sur le commerce et le transport.',
    ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة بالرباط مباحثات مع وزير خارجية كازاخستان مراد نورتليو حول التجارة والنقل.',
    ru: 'Министр иностранных дел Марокко Насер Бурита провел в Рабате переговоры с министром иностранных дел Казахстана Муратом Нуртлеу о торговле и транспорте.',
  };
  for (const [lang, text] of Object.entries(NO_DAY)) {
    it(`${lang}: dates a text that names no day by its publication's month, and says so`, () => {
      // The page's day says when the article appeared, not the day of the news (the day before?).
      const [news] = mains(run(text, lang, '2025-03-01'));
      expect(news?.date).toEqual({ value: '2025-03', precision: 'month', source: 'published' });
      expect(mains(run(text, lang, null))[0]?.date).toBeNull();
    });
  }
});

// 3. Background dates never date the news, also when the article has no publication date.
const BACKGROUND: Record<string, string> = {
  en: 'Moroccan Foreign Minister Nasser Bourita received the Ambassador of Kazakhstan, Saulekul Sailaukyzy, in Rabat. Diplomatic relations between Morocco and Kazakhstan were established in 1992, and Kazakhstan has had an embassy in Rabat since 2021.',
  fr: "Le ministre des Affaires étrangères Nasser Bourita a reçu à Rabat l'ambassadrice du Kazakhstan, Saulekul Sailaukyzy. Les relations diplomatiques entre le Maroc et le Kazakhstan ont été établies en 1992, et le Kazakhstan dispose d'une ambassade à Rabat depuis 2021.",
  ar: 'استقبل وزير الشؤون الخارجية ناصر بوريطة بالرباط سفيرة كازاخستان سولكول سايلاوكيزي. وأقام المغرب وكازاخستان علاقات دبلوماسية سنة 1992، وتتوفر كازاخستان على سفارة بالرباط منذ عام 2021.',
  ru: 'Министр иностранных дел Марокко Насер Бурита принял в Рабате посла Казахстана Саулекуль Сайлаукызы. Дипломатические отношения между Марокко и Казахстаном были установлены в 1992 году, а посольство Казахстана работает в Рабате с 2021 года.',
};

describe('3. background dates never date the news', () => {
  for (const [lang, text] of Object.entries(BACKGROUND)) {
    it(`${lang}: leaves the news undated rather than in 1992 when the article has no date`, () => {
      const events = run(text, lang, null);
      const [news, ...rest] = mains(events);
      expect(rest).toEqual([]);
      expect(news?.type).toBe('courtesy_visit');
      expect(news?.date).toBeNull();
      for (const e of events.filter((x) => x.date?.value === '1992' || x.date?.value === '2021'))
        expect(e.main).toBe(false);
    });
    it(`${lang}: dates the news by the fetch, not by the background, for a crawled page`, () => {
      const [news] = mains(run(text, lang, null, '2025-05-14T08:00:00Z'));
      // The fetch day says when the page was read, not the day of the news: its month.
      expect(news?.date).toEqual({ value: '2025-05', precision: 'month', source: 'fetched' });
    });
  }
});

// A weekday in an article with no date of its own is not read against a month its lead mentions:
// that month may be background ("the embassy opened in December 2020").
const WEEKDAY_AND_BACKGROUND: Record<string, string> = {
  en: 'The Speaker of the House of Councillors, Enaam Mayara, received on Tuesday in Rabat the Ambassador of Kazakhstan, Saulekul Sailaukyzy. They discussed trade and transport. The opening of the embassy of Kazakhstan in Rabat in December 2020 was a milestone, he said.',
  fr: "Le président de la Chambre des conseillers, Enaam Mayara, a reçu mardi à Rabat l'ambassadrice du Kazakhstan, Saulekul Sailaukyzy. Les entretiens ont porté sur le commerce et le transport. L'ouverture de l'ambassade du Kazakhstan à Rabat en décembre 2020 a marqué une étape, a-t-il souligné.",
  ar: 'استقبل رئيس مجلس المستشارين النعم ميارة، يوم الثلاثاء بالرباط، سفيرة كازاخستان سولكول سايلاوكيزي. وتناولت المباحثات التجارة والنقل. وأكد أن افتتاح سفارة كازاخستان بالرباط في دجنبر 2020 شكل محطة مهمة.',
  ru: 'Председатель Палаты советников Энаам Маяра принял во вторник в Рабате посла Казахстана Саулекуль Сайлаукызы. Стороны обсудили торговлю и транспорт. Открытие посольства Казахстана в Рабате в декабре 2020 года стало важным этапом, отметил он.',
};

describe('3. a weekday is not read against a background month', () => {
  for (const [lang, text] of Object.entries(WEEKDAY_AND_BACKGROUND)) {
    it(`${lang}: the Tuesday's call stays undated, not a Tuesday of December 2020`, () => {
      const events = run(text, lang, null);
      const [news, ...rest] = mains(events);
      expect(rest).toEqual([]);
      expect(news?.type).toBe('courtesy_visit');
      expect(news?.date).toBeNull();
      expect(events.filter((e) => e.date?.value.startsWith('2020-12-')).length).toBe(0);
    });
  }
});

// 2. One visit, several meetings: each meeting, and a signing in it, is an event of its own.
const VISIT_WITH_MEETINGS: Record<string, string> = {
  en: 'Kazakh Foreign Minister Murat Nurtleu paid an official visit to Morocco on 27-28 February 2025. On Thursday, he was received by Head of Government Aziz Akhannouch. On Friday, he held talks in Rabat with Moroccan Foreign Minister Nasser Bourita. At the end of the talks, the two ministers signed a memorandum of understanding on political consultations.',
  fr: "Le ministre kazakh des Affaires étrangères, Murat Nurtleu, a effectué une visite officielle au Maroc les 27 et 28 février 2025. Jeudi, il a été reçu par le chef du gouvernement, Aziz Akhannouch. Vendredi, il s'est entretenu à Rabat avec le ministre des Affaires étrangères Nasser Bourita. À l'issue des entretiens, les deux ministres ont signé un mémorandum d'entente sur les consultations politiques.",
  ar: 'قام وزير خارجية كازاخستان مراد نورتليو بزيارة رسمية إلى المغرب يومي 27 و28 فبراير 2025. واستقبله رئيس الحكومة عزيز أخنوش يوم الخميس. وأجرى يوم الجمعة بالرباط مباحثات مع وزير الشؤون الخارجية ناصر بوريطة. وفي ختام المباحثات، وقع الوزيران مذكرة تفاهم حول المشاورات السياسية.',
  ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу совершил официальный визит в Марокко 27-28 февраля 2025 года. В четверг его принял глава правительства Марокко Азиз Аханнуш. В пятницу в Рабате он провел переговоры с министром иностранных дел Марокко Насером Буритой. По итогам переговоров министры подписали меморандум о взаимопонимании о политических консультациях.',
};

describe('2. one visit, several meetings: each an event of its own', () => {
  for (const [lang, text] of Object.entries(VISIT_WITH_MEETINGS)) {
    it(`${lang}: the visit, the two meetings on their own days with their own people, and the signing`, () => {
      const events = mains(run(text, lang, '2025-02-28'));
      const visit = events.find((e) => e.type === 'official_visit');
      expect(visit?.date).toMatchObject({ value: '2025-02-27', end: '2025-02-28' });
      const meetings = events.filter((e) => e.type === 'bilateral_meeting');
      expect(meetings.map((m) => m.date?.value).sort()).toEqual(['2025-02-27', '2025-02-28']);
      const thursday = meetings.find((m) => m.date?.value === '2025-02-27');
      const friday = meetings.find((m) => m.date?.value === '2025-02-28');
      expect(ids(thursday)).toEqual(['kz.nurtleu', 'ma.akhannouch']);
      expect(ids(friday)).toEqual(['kz.nurtleu', 'ma.bourita']);
      const signing = events.find((e) => e.type === 'agreement_signing');
      expect(signing?.date?.value).toBe('2025-02-28');
      expect(signing?.agreements.map((a) => a.name)).toContain('memorandum of understanding');
    });
  }
});

// 4. Participants who are only named: greetings conveyed, on behalf of; a call has its two callers.
const GREETINGS: Record<string, string> = {
  en: 'The Speaker of the House of Councillors, Mohamed Ould Errachid, received on Tuesday in Rabat the Ambassador of Kazakhstan, Saulekul Sailaukyzy, who conveyed to him the greetings of President Kassym-Jomart Tokayev and of the Speaker of the Senate, on behalf of whom she invited him to Astana.',
  fr: "Le président de la Chambre des conseillers, Mohamed Ould Errachid, a reçu mardi à Rabat l'ambassadrice du Kazakhstan, Saulekul Sailaukyzy, qui lui a transmis les salutations du président Kassym-Jomart Tokaïev.",
  ar: 'استقبل رئيس مجلس المستشارين، محمد ولد الرشيد، يوم الثلاثاء بالرباط، سفيرة كازاخستان، ساوليكول سايلاؤكزي، التي نقلت إليه تحيات الرئيس قاسم جومارت توكاييف.',
  ru: 'Председатель Палаты советников Мохамед Ульд Эррашид принял во вторник в Рабате посла Казахстана Саулекуль Сайлаукызы, которая передала ему приветствие Президента Касым-Жомарта Токаева.',
};
const PHONE: Record<string, string> = {
  en: 'Moroccan Foreign Minister Nasser Bourita held a phone conversation on Monday with his Kazakh counterpart Murat Nurtleu on behalf of the two heads of state.',
  fr: 'Le ministre des Affaires étrangères Nasser Bourita a eu lundi un entretien téléphonique avec son homologue kazakh Murat Nurtleu.',
  ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين، اتصالا هاتفيا مع نظيره الكازاخستاني مراد نورتليو.',
  ru: 'Министр иностранных дел Марокко Насер Бурита провел в понедельник телефонный разговор со своим казахстанским коллегой Муратом Нуртлеу.',
};

describe('4. people only named are not participants; a call has its two callers', () => {
  for (const [lang, text] of Object.entries(GREETINGS)) {
    it(`${lang}: the president whose greetings are conveyed takes no part in the call on the speaker`, () => {
      const [visit, ...rest] = mains(run(text, lang, '2025-05-14'));
      expect(rest).toEqual([]);
      expect(visit?.type).toBe('courtesy_visit');
      expect(ids(visit)).toEqual(['kz.sailaukyzy', 'ma.ould-errachid']);
    });
  }
  for (const [lang, text] of Object.entries(PHONE)) {
    it(`${lang}: a phone call between two ministers has the two of them`, () => {
      const [call, ...rest] = mains(run(text, lang, '2025-05-14'));
      expect(rest).toEqual([]);
      expect(call?.type).toBe('phone_call');
      expect(ids(call)).toEqual(['kz.nurtleu', 'ma.bourita']);
      expect(call?.date?.value).toBe('2025-05-12');
    });
  }
});

// 5. Passing mentions are referred events at most, never a second main event.
const PASSING: Record<string, string> = {
  en: 'The Embassy of Kazakhstan in Rabat opened on Tuesday a festival of Kazakh films at the National Library of Morocco. Since the visa waiver agreement entered into force in March 2025, many Moroccan tourists have discovered Kazakhstan, the ambassador said.',
  fr: "L'ambassade du Kazakhstan à Rabat a ouvert mardi une semaine culturelle du cinéma kazakh à la Bibliothèque nationale du Maroc. Depuis l'entrée en vigueur de l'accord d'exemption de visa en mars 2025, de nombreux touristes marocains ont découvert le Kazakhstan, a indiqué l'ambassadrice.",
  ar: 'افتتحت سفارة كازاخستان بالرباط، يوم الثلاثاء، أسبوعا ثقافيا للسينما الكازاخستانية بالمكتبة الوطنية للمملكة المغربية. وقالت السفيرة إن عددا كبيرا من السياح المغاربة اكتشفوا كازاخستان منذ دخول اتفاقية الإعفاء من التأشيرة حيز التنفيذ في مارس 2025.',
  ru: 'Посольство Казахстана в Рабате открыло во вторник неделю культуры казахского кино в Национальной библиотеке Марокко. С момента вступления в силу соглашения о безвизовом режиме в марте 2025 года многие марокканские туристы открыли для себя Казахстан, отметила посол.',
};

describe('5. an entry into force mentioned in passing is referred, not a second news', () => {
  for (const [lang, text] of Object.entries(PASSING)) {
    it(`${lang}: the cultural week is the news; the visa waiver's entry into force is referred`, () => {
      const events = run(text, lang, '2025-11-20');
      expect(mains(events).map((e) => e.type)).toEqual(['other']);
      const inForce = events.find((e) => e.type === 'agreement_entry_into_force');
      if (inForce) expect(inForce).toMatchObject({ main: false, date: { value: '2025-03' } });
    });
  }
});

// 5. A position a joint statement carries is that statement's, also when a headline or the lead
// tells it first; "the same joint statement" is that statement again; "the Kazakh minister" further
// on is the minister the article named.
const STATEMENT_CARRIES_POSITION: Record<string, string> = {
  en: 'Kazakhstan backs Morocco’s autonomy plan\n\nKazakh Foreign Minister Murat Nurtleu and Moroccan Foreign Minister Nasser Bourita adopted a joint statement in Rabat, in which Kazakhstan expressed its support for the autonomy plan. In the same joint statement, the Kazakh Foreign Minister, currently on an official visit to the Kingdom, welcomed the growth of trade.',
  fr: "Le Kazakhstan appuie le plan d’autonomie marocain\n\nLe ministre kazakh des Affaires étrangères, Murat Nurtleu, et le ministre des Affaires étrangères Nasser Bourita ont adopté à Rabat une déclaration conjointe, dans laquelle le Kazakhstan a exprimé son soutien au plan d'autonomie. Dans la même déclaration conjointe, le ministre kazakh des Affaires étrangères, actuellement en visite officielle au Royaume, a salué la croissance des échanges.",
  ar: 'كازاخستان تدعم مخطط الحكم الذاتي المغربي\n\nاعتمد وزير خارجية كازاخستان مراد نورتليو ووزير الشؤون الخارجية ناصر بوريطة بالرباط إعلانا مشتركا، أعربت فيه كازاخستان عن دعمها لمخطط الحكم الذاتي. وفي نفس الإعلان المشترك، رحب وزير خارجية كازاخستان، الذي يقوم حاليا بزيارة رسمية إلى المملكة، بنمو المبادلات التجارية.',
  ru: 'Казахстан поддержал марокканский план автономии\n\nМинистр иностранных дел Казахстана Мурат Нуртлеу и министр иностранных дел Марокко Насер Бурита приняли в Рабате совместное заявление, в котором Казахстан выразил поддержку плану автономии. В том же совместном заявлении министр иностранных дел Казахстана, находящийся с официальным визитом в Королевстве, приветствовал рост товарооборота.',
};

describe('5. a position its joint statement carries is the statement’s', () => {
  for (const [lang, text] of Object.entries(STATEMENT_CARRIES_POSITION)) {
    it(`${lang}: one statement with both ministers, no second position from the headline, the visitor named`, () => {
      const news = mains(run(text, lang, null));
      expect(news.filter((e) => e.type === 'policy_statement')).toEqual([]);
      const statements = news.filter((e) => e.type === 'joint_statement');
      expect(statements).toHaveLength(1);
      expect(ids(statements[0])).toEqual(['kz.nurtleu', 'ma.bourita']);
      const visit = news.find((e) => e.type === 'official_visit');
      expect(ids(visit)).toContain('kz.nurtleu');
    });
  }
});

// 3. An article about a plan between the two recalls what the two did before: what its body dates
// is background, also when the lead mentions that date and the article has no date of its own.
const PLAN_THEN_BACKGROUND: Record<string, string> = {
  en: 'Kazakhstan is preparing to open an embassy in Rabat\n\nThe Kazakh government has drafted a decree on opening an embassy in Morocco, the foreign ministry said. In March 2016, the foreign ministries of Morocco and Kazakhstan held political consultations in Rabat.',
  fr: "Le Kazakhstan s'apprête à ouvrir une ambassade à Rabat\n\nLe gouvernement kazakh a élaboré un projet de décret sur l'ouverture d'une ambassade au Maroc, selon le ministère des Affaires étrangères. En mars 2016, les ministères des Affaires étrangères du Maroc et du Kazakhstan ont tenu des consultations politiques à Rabat.",
  ar: 'كازاخستان تستعد لفتح سفارة في الرباط\n\nأعدت الحكومة الكازاخستانية مشروع مرسوم بشأن فتح سفارة في المغرب، حسب وزارة الخارجية. وفي مارس 2016، عقدت وزارتا خارجية المغرب وكازاخستان مشاورات سياسية بالرباط.',
  ru: 'Казахстан готовится открыть посольство в Рабате\n\nПравительство Казахстана подготовило проект указа об открытии посольства в Марокко, сообщили в МИД. В марте 2016 года министерства иностранных дел Марокко и Казахстана провели политические консультации в Рабате.',
};

describe('3. a plan is the news; what the body dates is background', () => {
  for (const [lang, text] of Object.entries(PLAN_THEN_BACKGROUND)) {
    it(`${lang}: the consultations of March 2016 are referred, and the plan is no event`, () => {
      const events = run(text, lang, null);
      expect(mains(events)).toEqual([]);
      const consultations = events.find((e) => e.type === 'bilateral_meeting');
      expect(consultations?.date).toMatchObject({ value: '2016-03', precision: 'month' });
      expect(consultations?.main).toBe(false);
    });
  }
});

// A hard negative: both countries in one sentence, compared, nothing between them.
const COMPARED: Record<string, string> = {
  en: 'Kazakhstan is betting on its exports of grain and metals, while Morocco is looking for new markets for its phosphates.',
  fr: 'Le Kazakhstan mise sur ses exportations de céréales et de métaux, tandis que le Maroc cherche de nouveaux débouchés pour ses phosphates.',
  ar: 'تراهن كازاخستان على صادراتها من الحبوب والمعادن، بينما يبحث المغرب عن أسواق جديدة لفوسفاطه.',
  ru: 'Казахстан делает ставку на экспорт зерна и металлов, в то время как Марокко ищет новые рынки для своих фосфатов.',
};

describe('a hard negative: the two compared, no act between them', () => {
  for (const [lang, text] of Object.entries(COMPARED)) {
    it(`${lang}: no event`, () => {
      expect(run(text, lang, '2025-10-22')).toEqual([]);
    });
  }
  it('fr: a country after "par" is who acts ("importé par la France"), not a country crossed', () => {
    const text =
      "Paris entretient des partenariats aussi bien avec le Maroc qu'avec le Kazakhstan. Le Kazakhstan fournit près de 40 % de l'uranium importé par la France.";
    expect(mains(run(text, 'fr', '2025-12-10'))).toEqual([]);
  });
});

// 2. Talks told inside a visit took place where the visit went, not where the dispatch was filed.
const FILED_AT_HOME: Record<string, string> = {
  en: 'ASTANA, March 3. As part of his official visit to Morocco, Kazakh Foreign Minister Murat Nurtleu held talks with Moroccan Foreign Minister Nasser Bourita on trade.',
  fr: "ASTANA, 3 mars. Dans le cadre de sa visite officielle au Maroc, le ministre kazakh des Affaires étrangères, Murat Nurtleu, s'est entretenu avec le ministre des Affaires étrangères Nasser Bourita sur le commerce.",
  ar: 'أستانا - في إطار زيارته الرسمية إلى المغرب، أجرى وزير خارجية كازاخستان مراد نورتليو مباحثات مع وزير الشؤون الخارجية ناصر بوريطة حول التجارة.',
  ru: 'АСТАНА. КАЗИНФОРМ – В рамках официального визита в Марокко министр иностранных дел Казахстана Мурат Нуртлеу провел переговоры с министром иностранных дел Марокко Насером Буритой о торговле.',
};

describe('2. talks inside a visit took place where the visit went', () => {
  for (const [lang, text] of Object.entries(FILED_AT_HOME)) {
    it(`${lang}: the talks are in Morocco, not in Astana where the dispatch was filed`, () => {
      const news = mains(run(text, lang, '2025-03-03'));
      const talks = news.find((e) => e.type === 'bilateral_meeting');
      expect(talks?.location?.country).toBe('MA');
      expect(news.find((e) => e.type === 'official_visit')?.location?.country).toBe('MA');
    });
  }
  it('en: an invitation conveyed "to visit Kazakhstan" is no visit to Kazakhstan', () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu, who is on an official visit to Morocco, conveyed an invitation from President Kassym-Jomart Tokayev to the King to visit Kazakhstan.';
    const visits = mains(run(text, 'en', '2025-02-28')).filter((e) => e.type === 'official_visit');
    expect(visits.map((v) => v.location?.country)).toEqual(['MA']);
  });
});

// 2. An article that opens with "at the end of the talks, … signed": the talks it names are news of
// their own (nothing was told before for them to refer to), and the signing names its documents.
const OPENS_AFTER_TALKS: Record<string, string> = {
  en: 'At the end of the talks, Kazakh Foreign Minister Murat Nurtleu and Moroccan Foreign Minister Nasser Bourita signed an extradition agreement and an agreement on mutual legal assistance.',
  fr: "À l'issue des entretiens, le ministre kazakh des Affaires étrangères Murat Nurtleu et le ministre des Affaires étrangères Nasser Bourita ont signé une convention d'extradition et une convention d'entraide judiciaire.",
  ar: 'وفي ختام المباحثات، وقع وزير خارجية كازاخستان مراد نورتليو ووزير الشؤون الخارجية ناصر بوريطة اتفاقية لتسليم المجرمين واتفاقية للمساعدة القانونية.',
  ru: 'По итогам переговоров министр иностранных дел Казахстана Мурат Нуртлеу и министр иностранных дел Марокко Насер Бурита подписали соглашения о выдаче преступников и о правовой помощи.',
};

describe('2. talks an article opens with are news, and the signing after them names its documents', () => {
  for (const [lang, text] of Object.entries(OPENS_AFTER_TALKS)) {
    it(`${lang}: the talks and the signing, with the extradition and legal assistance agreements`, () => {
      const news = mains(run(text, lang, null));
      expect(news.map((e) => e.type).sort()).toEqual(['agreement_signing', 'bilateral_meeting']);
      const signing = news.find((e) => e.type === 'agreement_signing');
      expect(signing?.agreements.map((a) => a.name).sort()).toEqual([
        'extradition agreement',
        'mutual legal assistance agreement',
      ]);
      expect(ids(signing)).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
  }
});

// One side's embassy, with no other country named, stands in the other side: its reception is an
// event between the two; in a third country, it is not.
const EMBASSY_RECEPTION: Record<string, { here: string; elsewhere: string }> = {
  en: {
    here: 'The Embassy of Kazakhstan held a reception on Tuesday to mark Republic Day, attended by ministers, diplomats and members of the Kazakh community.',
    elsewhere:
      'The Embassy of Kazakhstan in Egypt held a reception on Tuesday to mark Republic Day, attended by ministers and diplomats.',
  },
  fr: {
    here: "L'ambassade du Kazakhstan a organisé mardi une réception à l'occasion de la fête de la République, en présence de ministres, de diplomates et de membres de la communauté kazakhe.",
    elsewhere:
      "L'ambassade du Kazakhstan en Égypte a organisé mardi une réception à l'occasion de la fête de la République, en présence de ministres et de diplomates.",
  },
  ar: {
    here: 'نظمت سفارة كازاخستان، يوم الثلاثاء، حفل استقبال بمناسبة العيد الوطني، بحضور وزراء ودبلوماسيين وأفراد من الجالية الكازاخستانية.',
    elsewhere:
      'نظمت سفارة كازاخستان في مصر، يوم الثلاثاء، حفل استقبال بمناسبة العيد الوطني، بحضور وزراء ودبلوماسيين.',
  },
  ru: {
    here: 'Посольство Казахстана во вторник провело прием по случаю Дня Республики, в котором приняли участие министры, дипломаты и представители казахстанской диаспоры.',
    elsewhere:
      'Посольство Казахстана в Египте во вторник провело прием по случаю Дня Республики, в котором приняли участие министры и дипломаты.',
  },
};

describe('one side’s embassy stands in the other side, unless the text names another country', () => {
  for (const [lang, { here, elsewhere }] of Object.entries(EMBASSY_RECEPTION)) {
    it(`${lang}: the embassy's reception is an event; in Egypt it is none`, () => {
      const news = mains(run(here, lang, '2024-10-30'));
      expect(news.map((e) => e.type)).toEqual(['other']);
      expect(news[0]?.date).toMatchObject({ value: '2024-10-29', precision: 'day' });
      expect(run(elsewhere, lang, '2024-10-30')).toEqual([]);
    });
  }
});

describe('a draft decree is a plan, whatever its title says', () => {
  it('ru: "проект «Об открытии посольства»" opens no embassy', () => {
    const text =
      'Правительство Казахстана вынесло на рассмотрение президента проект «Об открытии посольства Республики Казахстан в Королевстве Марокко».';
    expect(mains(run(text, 'ru', '2020-02-24'))).toEqual([]);
  });
});

// A plan governs what follows it in its clause: an invitation "to take part in the talks" is no talks.
const INVITED_TO_TALKS: Record<string, string> = {
  en: 'Under the agreement, the Moroccan side invites Kazakh scholars and reciters of the Holy Quran to take part in the talks held in Rabat.',
  fr: "Aux termes de l'accord, la partie marocaine invite les oulémas et les récitants kazakhs du Saint Coran à prendre part aux entretiens tenus à Rabat.",
  ar: 'وبموجب الاتفاق، يدعو الجانب المغربي العلماء وقراء القرآن الكريم الكازاخستانيين إلى المشاركة في المباحثات التي تعقد بالرباط.',
  ru: 'Согласно соглашению, марокканская сторона приглашает казахстанских богословов и чтецов Корана принять участие в переговорах в Рабате.',
};

describe('a plan governs its whole clause', () => {
  for (const [lang, text] of Object.entries(INVITED_TO_TALKS)) {
    it(`${lang}: an invitation to take part in talks is no meeting`, () => {
      expect(mains(run(text, lang, '2025-01-13'))).toEqual([]);
    });
  }
});

// 4. Talks told first without their kind ("discussed with his counterpart") and named afterwards as a
// call ("… the ministry said following the telephone conversation") are that one call, with its two.
const CALL_NAMED_AFTER: Record<string, string> = {
  en: 'Kazakh Foreign Minister Murat Nurtleu discussed trade and transport with his Moroccan counterpart Nasser Bourita. “The ministers confirmed their readiness to deepen cooperation,” the ministry reported after the telephone conversation.',
  fr: "Le ministre kazakh des Affaires étrangères, Murat Nurtleu, s'est entretenu du commerce et du transport avec son homologue marocain Nasser Bourita. « Les ministres ont confirmé leur volonté d'approfondir la coopération », a indiqué le ministère à l'issue de l'entretien téléphonique.",
  ar: 'تباحث وزير خارجية كازاخستان مراد نورتليو مع نظيره المغربي ناصر بوريطة حول التجارة والنقل. وأكد الوزيران استعدادهما لتعميق التعاون، وفق ما أفادت به الوزارة في ختام الاتصال الهاتفي.',
  ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу обсудил с марокканским коллегой Насером Буритой торговлю и транспорт. «Министры подтвердили готовность углублять сотрудничество», — говорится в сообщении МИД. Сообщение опубликовано по итогам телефонного разговора.',
};

describe('4. talks named afterwards as a call are that call', () => {
  for (const [lang, text] of Object.entries(CALL_NAMED_AFTER)) {
    it(`${lang}: one phone call between the two ministers`, () => {
      const news = mains(run(text, lang, '2025-01-22'));
      expect(news.map((e) => e.type)).toEqual(['phone_call']);
      expect(ids(news[0])).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
  }
});

// A trip to a third country, told in an article about the two, is no visit between them.
const TRIP_ELSEWHERE: Record<string, string> = {
  en: 'Moroccan Foreign Minister Nasser Bourita held a phone call with Kazakh Foreign Minister Murat Nurtleu. During the call, Nurtleu also told Bourita about his trip to the United Arab Emirates.',
  fr: "Le ministre des Affaires étrangères Nasser Bourita a eu un entretien téléphonique avec le ministre kazakh des Affaires étrangères Murat Nurtleu. Au cours de l'entretien, Nurtleu a également évoqué avec Bourita sa visite aux Émirats arabes unis.",
  ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة اتصالا هاتفيا مع وزير خارجية كازاخستان مراد نورتليو. وخلال الاتصال، تحدث نورتليو لبوريطة عن زيارته إلى الإمارات.',
  ru: 'Министр иностранных дел Марокко Насер Бурита провел телефонный разговор с министром иностранных дел Казахстана Муратом Нуртлеу. В ходе разговора Нуртлеу также рассказал Бурите о своей поездке в ОАЭ.',
};

describe('a trip to a third country is no visit between the two', () => {
  for (const [lang, text] of Object.entries(TRIP_ELSEWHERE)) {
    it(`${lang}: the call, and no visit`, () => {
      const news = mains(run(text, lang, '2025-01-22'));
      expect(news.map((e) => e.type)).toEqual(['phone_call']);
    });
  }
});

// An ambassador presenting credentials (or their copies) is an act of its own, not a courtesy call.
const CREDENTIALS: Record<string, string> = {
  en: 'Moroccan Foreign Minister Nasser Bourita received on Monday copies of the credentials of the new Ambassador of Kazakhstan, Saulekul Sailaukyzy.',
  fr: 'Le ministre des Affaires étrangères Nasser Bourita a reçu lundi les copies figurées des lettres de créance de la nouvelle ambassadrice du Kazakhstan, Saulekul Sailaukyzy.',
  ar: 'تسلم وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين، نسخة من أوراق اعتماد سفيرة كازاخستان الجديدة سولكول سايلاوكيزي.',
  ru: 'Министр иностранных дел Марокко Насер Бурита в понедельник принял копии верительных грамот нового посла Казахстана Саулекуль Сайлаукызы.',
};

describe('credentials are an act of their own', () => {
  for (const [lang, text] of Object.entries(CREDENTIALS)) {
    it(`${lang}: one "other" event with the minister and the ambassador, no courtesy visit`, () => {
      const news = mains(run(text, lang, '2022-06-08'));
      expect(news.map((e) => e.type)).toEqual(['other']);
      expect(ids(news[0])).toEqual(['kz.sailaukyzy', 'ma.bourita']);
    });
  }
});

// 5. "This agreement, signed in September 2024 at the UN General Assembly, is now in force": the
// entry into force is the news (undated here), the signing its past, dated by its own words only.
const NOW_IN_FORCE: Record<string, string> = {
  en: 'Morocco and Kazakhstan have waived visa requirements for each other’s citizens. This agreement, signed in September 2024 on the sidelines of the 79th session of the UN General Assembly, is now in force.',
  fr: 'Le Maroc et le Kazakhstan ont mis en place une exemption de visa pour leurs citoyens. Cet accord, signé en septembre 2024 lors de la 79e Assemblée générale des Nations unies, est désormais en vigueur.',
  ar: 'اعتمد المغرب وكازاخستان نظام الإعفاء من التأشيرة لمواطنيهما. وهذا الاتفاق، الذي تم توقيعه في شتنبر 2024 على هامش الدورة الـ79 للجمعية العامة للأمم المتحدة، دخل حيز التنفيذ.',
  ru: 'Марокко и Казахстан отменили визы для граждан двух стран. Это соглашение, подписанное в сентябре 2024 года на полях 79-й сессии Генеральной Ассамблеи ООН, вступило в силу.',
};

describe('5. a document now in force: the entry into force is the news, the signing its past', () => {
  for (const [lang, text] of Object.entries(NOW_IN_FORCE)) {
    it(`${lang}: entry into force (undated), signing of September 2024 referred`, () => {
      const events = run(text, lang, null);
      const inForce = mains(events).filter((e) => e.type === 'agreement_entry_into_force');
      expect(inForce).toHaveLength(1);
      expect(inForce[0]?.date).toBeNull();
      const signing = events.find((e) => e.type === 'agreement_signing');
      expect(signing?.main).toBe(false);
      expect(signing?.date).toMatchObject({ value: '2024-09', precision: 'month' });
    });
  }
});

describe('a document the two sides adopt or launch is a joint document, not only its meeting', () => {
  const ADOPTED: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu met Moroccan Foreign Minister Nasser Bourita in Rabat on 28 February 2025 to launch a roadmap for political and economic cooperation.',
    fr: 'Le ministre kazakh des Affaires étrangères Murat Nurtleu et son homologue marocain Nasser Bourita ont adopté le 28 février 2025 à Rabat une feuille de route de coopération.',
  };
  for (const [lang, text] of Object.entries(ADOPTED)) {
    it(`${lang}: the roadmap is a joint statement with both ministers`, () => {
      const statement = mains(run(text, lang, '2025-03-01')).find((e) => e.type === 'joint_statement');
      expect(statement?.date?.value).toBe('2025-02-28');
      expect(ids(statement)).toEqual(['kz.nurtleu', 'ma.bourita']);
      expect(statement?.agreements.map((a) => a.name)).toEqual(['roadmap']);
    });
  }
  it('en: a launch that names no document is no joint statement', () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu and Moroccan Foreign Minister Nasser Bourita launched a new round of consultations in Rabat on 28 February 2025.';
    expect(mains(run(text, 'en', '2025-03-01')).map((e) => e.type)).not.toContain('joint_statement');
  });
});

describe('a shipment takes place where it leaves', () => {
  const SHIPPED: Record<string, string> = {
    en: 'A first train of Kazakh wheat bound for Morocco was dispatched from Kostanay on 30 April 2025, the railway company said.',
    fr: 'Le Kazakhstan a expédié le 30 avril 2025 un premier lot de 60 000 tonnes de blé vers le Maroc par voie ferroviaire.',
    ru: 'Первая партия казахстанской пшеницы отправлена 30 апреля 2025 года в Марокко по железной дороге.',
    ar: 'انطلقت يوم 30 أبريل 2025 أول شحنة من القمح الكازاخستاني نحو المغرب عبر السكك الحديدية.',
  };
  for (const [lang, text] of Object.entries(SHIPPED)) {
    it(`${lang}: the sending side is the place, not the destination`, () => {
      const [shipment] = mains(run(text, lang, '2025-05-01'));
      expect(shipment?.type).toBe('other');
      expect(shipment?.location?.country).toBe('KZ');
    });
  }
  it('en: goods said to come from one side are placed there', () => {
    const [shipment] = mains(
      run(
        'Morocco received a shipment of 60,000 tonnes of wheat from Kazakhstan on 12 May 2025.',
        'en',
        '2025-05-13',
      ),
    );
    expect(shipment?.location?.country).toBe('KZ');
  });
});

describe('"the Kingdom", once Morocco is named, is Morocco', () => {
  const TO_THE_KINGDOM: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu, currently on an official visit to the Kingdom, signed a joint statement with Nasser Bourita on 28 February 2025.',
    fr: 'Le ministre kazakh des Affaires étrangères Murat Nurtleu, en visite officielle au Royaume, a signé le 28 février 2025 une déclaration conjointe avec Nasser Bourita.',
    ar: 'وقع وزير خارجية كازاخستان مراد نورتليو، الذي يقوم بزيارة رسمية إلى المملكة، يوم 28 فبراير 2025 بيانا مشتركا مع ناصر بوريطة.',
  };
  for (const [lang, text] of Object.entries(TO_THE_KINGDOM)) {
    it(`${lang}: the visit goes to Morocco`, () => {
      const visit = mains(run(text, lang, '2025-03-01')).find((e) => e.type === 'official_visit');
      expect(visit?.location?.country).toBe('MA');
    });
  }
  it('en: "the Kingdom of Saudi Arabia" is not Morocco', () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu, on an official visit to the Kingdom of Saudi Arabia, held talks in Riyadh on 28 February 2025.';
    expect(mains(run(text, 'en', '2025-03-01'))).toEqual([]);
  });
});

describe('Arabic words as outlets write them', () => {
  it('ar: an agreement in the accusative ("اتفاقا") is signed', () => {
    const text =
      'وقعت وزارة الأوقاف المغربية والإدارة الدينية لمسلمي كازاخستان، يوم 12 دجنبر 2022 بالرباط، اتفاقا للتعاون في المجال الديني.';
    expect(mains(run(text, 'ar', '2022-12-13')).map((e) => e.type)).toEqual(['agreement_signing']);
  });
  it('ar: a verb with its object pronoun ("الاتفاق الذي وقعه") is the verb', () => {
    const text =
      'قال وزير الأوقاف إن الاتفاق الذي وقعه، أمس الإثنين بالرباط، مع رئيس الإدارة الدينية لمسلمي كازاخستان، يشمل تبادل الخبرة.';
    const [signing] = mains(run(text, 'ar', '2022-12-13'));
    expect(signing?.type).toBe('agreement_signing');
    expect(signing?.date?.value).toBe('2022-12-12');
  });
  it('ar: a ministry (وزارة) is no visit, though its folded form ends like a pronoun', () => {
    const text =
      'أشاد مسؤولو وزارة الخارجية المغربية ونظراؤهم في كازاخستان بمستوى التعاون، في اجتماع عقد يوم 12 فبراير 2016 بالرباط.';
    expect(mains(run(text, 'ar', '2016-02-13')).map((e) => e.type)).not.toContain('official_visit');
  });
  it('ar: Kazakhstan spelled كزاخستان or كازخستان is Kazakhstan', () => {
    for (const name of ['كزاخستان', 'كازخستان']) {
      const text = `أجرى وزير الشؤون الخارجية ناصر بوريطة يوم 28 فبراير 2025 بالرباط مباحثات مع وزير خارجية ${name} مراد نورتليو.`;
      expect(ids(mains(run(text, 'ar', '2025-03-01'))[0])).toEqual(['kz.nurtleu', 'ma.bourita']);
    }
  });
});

describe('people credited with an outcome are not its participants', () => {
  const CREDITED: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu and Moroccan Foreign Minister Nasser Bourita signed an agreement on visa exemption in Rabat on 28 February 2025, a result achieved thanks to the efforts of President Tokayev and King Mohammed VI.',
    fr: "Le ministre kazakh des Affaires étrangères Murat Nurtleu et Nasser Bourita ont signé le 28 février 2025 à Rabat un accord d'exemption de visas, obtenu grâce aux efforts du Président Tokaïev et du Roi Mohammed VI.",
  };
  for (const [lang, text] of Object.entries(CREDITED)) {
    it(`${lang}: the two heads of state thanked are not signatories`, () => {
      const [signing] = mains(run(text, lang, '2025-03-01'));
      expect(ids(signing)).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
  }
});

describe("talks with the other side's businesses alone are a business meeting", () => {
  it('en: a minister and companies of the other side', () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu and representatives of leading Moroccan companies discussed business cooperation in Casablanca on 1 March 2025.';
    expect(mains(run(text, 'en', '2025-03-02')).map((e) => e.type)).toEqual(['other']);
  });
  it('ar: an association of exporters and institutions of the other side', () => {
    const text =
      'عقد رئيس الجمعية المغربية للمصدرين حسن السنتيسي يوم 25 مارس 2025 اجتماعا افتراضيا مع المؤسسات الاقتصادية والتجارية في كازاخستان.';
    expect(mains(run(text, 'ar', '2025-03-26')).map((e) => e.type)).toEqual(['other']);
  });
  it('en: ministers of both sides meeting with businesses present are still talks', () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu met Moroccan Foreign Minister Nasser Bourita and business leaders of both countries in Rabat on 28 February 2025.';
    expect(mains(run(text, 'en', '2025-03-01')).map((e) => e.type)).toContain('bilateral_meeting');
  });
});

describe('one side among third countries, the other only its city, is no event between them', () => {
  it('en: ambassadors of several countries attending a ceremony in Rabat', () => {
    const text =
      "The signing ceremony on 13 June 2024 was attended by Azerbaijan's Ambassador to Rabat, Türkiye's Ambassador to Rabat and Kazakhstan's Ambassador to Rabat, Saulekul Sailaukyzy.";
    expect(mains(run(text, 'en', '2024-06-14'))).toEqual([]);
  });
  it('en: both sides named by name with a third country are still both there', () => {
    const text =
      'Kazakhstan, Morocco and Azerbaijan signed a memorandum on transport cooperation in Rabat on 13 June 2024.';
    expect(mains(run(text, 'en', '2024-06-14')).map((e) => e.type)).toEqual(['agreement_signing']);
  });
});

describe('business meetings within a visit, and "this meeting" after one', () => {
  it('en: a visit with meetings with the other side’s companies: the visit and a business meeting', () => {
    const text =
      'As part of his official visit to Morocco on 3 March 2025, Kazakh Foreign Minister Murat Nurtleu held a series of meetings with representatives of leading Moroccan companies.';
    expect(
      mains(run(text, 'en', '2025-03-04'))
        .map((e) => e.type)
        .sort(),
    ).toEqual(['official_visit', 'other']);
  });
  it('ar: "this meeting" after a business meeting is that meeting', () => {
    const text = [
      'عقد رئيس الجمعية المغربية للمصدرين حسن السنتيسي يوم 25 مارس 2025 اجتماعا افتراضيا مع المؤسسات الاقتصادية والتجارية في كازاخستان.',
      'جاء هذا اللقاء في إطار سلسلة الندوات الرقمية التي تهدف إلى استكشاف فرص التصدير.',
    ].join('\n');
    expect(mains(run(text, 'ar', '2025-03-26')).map((e) => e.type)).toEqual(['other']);
  });
});

describe('"the outcome of the meeting" opening a sentence is the meeting just told', () => {
  it('ru: the agreements concluded as its outcome are signed at that meeting', () => {
    const text = [
      'Генеральный прокурор Казахстана Берик Асылов провел переговоры с министром юстиции Марокко Абделем Латифом Уахби.',
      'На встрече были обсуждены вопросы сотрудничества в области борьбы с преступностью.',
      '«Итогом встречи стало заключение межгосударственных соглашений о выдаче преступников», — говорится в сообщении.',
    ].join('\n');
    const types = mains(run(text, 'ru', null)).map((e) => e.type);
    expect(types).toContain('agreement_signing');
  });
  it('ru: "assessed the results of the visit in November" further into a sentence recalls another event', () => {
    const text = [
      'Министр иностранных дел Казахстана Ермек Кошербаев 14 января 2026 года принял посла Марокко.',
      'Кошербаев высоко оценил итоги официального визита Председателя Мажилиса Ерлана Кошанова в Марокко в ноябре прошлого года.',
    ].join('\n');
    const [call] = mains(run(text, 'ru', '2026-01-14'));
    expect(ids(call)).not.toContain('kz.koshanov');
  });
});

describe('a meeting named as the purpose of a journey is a plan; the journey is told', () => {
  const PURPOSE: Record<string, string> = {
    ar: 'وصل وزير الخارجية الكازاخستاني مراد نورتليو إلى الرباط يوم 27 فبراير 2025 في زيارة رسمية للقاء عدد من المسؤولين المغاربة.',
    en: 'Kazakh Foreign Minister Murat Nurtleu arrived in Rabat on an official visit to Morocco on 27 February 2025 to hold talks with Moroccan officials.',
  };
  for (const [lang, text] of Object.entries(PURPOSE)) {
    it(`${lang}: the visit only`, () => {
      expect(mains(run(text, lang, '2025-02-28')).map((e) => e.type)).toEqual(['official_visit']);
    });
  }
});

describe("someone of one side praising the other side's efforts or policy states a position", () => {
  const PRAISE: Record<string, [string, string]> = {
    ar: [
      'استقبل أندري أزولاي يوم 14 ماي 2024 بالرباط سفيرة كازاخستان بالمغرب ساوليكول سايلاوكيزا، وثمن الإصلاحات السياسية التي تنتهجها كازاخستان.',
      'ma.azoulay',
    ],
    fr: [
      "Le 14 mai 2024 à Rabat, l'ambassadrice du Kazakhstan Saulekul Sailaukyzy a salué la résolution présentée par le Maroc aux Nations unies.",
      'kz.sailaukyzy',
    ],
    en: [
      "Kazakh Foreign Minister Murat Nurtleu praised Morocco's reforms during talks with Nasser Bourita in Rabat on 28 February 2025.",
      'kz.nurtleu',
    ],
  };
  for (const [lang, [text, speaker]] of Object.entries(PRAISE)) {
    it(`${lang}: a policy statement by ${speaker}`, () => {
      const published = lang === 'en' ? '2025-03-01' : '2024-05-15';
      const position = mains(run(text, lang, published)).find((e) => e.type === 'policy_statement');
      expect(ids(position)).toContain(speaker);
    });
  }
  it('en: support for efforts to strengthen cooperation names no side’s efforts', () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu and Nasser Bourita reaffirmed their support for efforts to strengthen cooperation in Rabat on 28 February 2025.';
    expect(mains(run(text, 'en', '2025-03-01')).map((e) => e.type)).not.toContain('policy_statement');
  });
});

describe("a side praising the other's position, role or interest: whose position, and how many", () => {
  // Two positions at one call, one of each side: two statements, each by its own side.
  const BOTH_WAYS: Record<string, string> = {
    en: "Moroccan Foreign Minister Nasser Bourita spoke by phone on 3 March 2025 with Kazakh Foreign Minister Murat Nurtleu.\nBourita reviewed Morocco's efforts for regional stability, praising the Kazakh position on the Sahara.\nNurtleu also commended the Moroccan role in Africa.",
    fr: "Le ministre des Affaires étrangères Nasser Bourita s'est entretenu le 3 mars 2025 au téléphone avec son homologue kazakh Murat Nurtleu.\nBourita a présenté les efforts du Maroc pour la stabilité régionale, saluant la position du Kazakhstan sur le Sahara.\nNurtleu a pour sa part salué le rôle du Maroc en Afrique.",
    ru: 'Министр иностранных дел Марокко Насер Бурита 3 марта 2025 года провел телефонный разговор с министром иностранных дел Казахстана Муратом Нуртлеу.\nБурита рассказал об усилиях Марокко ради региональной стабильности, высоко оценив позицию Казахстана по Сахаре.\nНуртлеу также высоко оценил роль Марокко в Африке.',
    ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة يوم 3 مارس 2025 اتصالا هاتفيا مع وزير خارجية كازاخستان مراد نورتليو.\nواستعرض بوريطة جهود المغرب من أجل الاستقرار الإقليمي، مشيدا بموقف كازاخستان من قضية الصحراء.\nكما أشاد نورتليو بدور المغرب في إفريقيا.',
  };
  for (const [lang, text] of Object.entries(BOTH_WAYS)) {
    it(`${lang}: the Kazakh position praised by Bourita, the Moroccan role by Nurtleu: two statements`, () => {
      const statements = mains(run(text, lang, '2025-03-04')).filter((e) => e.type === 'policy_statement');
      expect(statements.map((e) => ids(e))).toEqual([['ma.bourita'], ['kz.nurtleu']]);
    });
  }
  // The side itself as the subject, no one named: "Moscow welcomes Cairo's interest".
  const BY_THE_SIDE: Record<string, string> = {
    fr: "Le ministre kazakh des Affaires étrangères Murat Nurtleu a rencontré Nasser Bourita le 3 mars 2025 à Rabat.\nAstana salue l'intérêt de Rabat pour le corridor transcaspien.",
    en: 'Kazakh Foreign Minister Murat Nurtleu met Nasser Bourita in Rabat on 3 March 2025.\nKazakhstan supports the Moroccan wish to join the transport corridor.',
  };
  for (const [lang, text] of Object.entries(BY_THE_SIDE)) {
    it(`${lang}: Kazakhstan's position, voiced by its minister at the meeting`, () => {
      const statement = mains(run(text, lang, '2025-03-04')).find((e) => e.type === 'policy_statement');
      expect(ids(statement)).toEqual(['kz.nurtleu']);
    });
  }
  it('fr: a capital before the stance is its subject, not its owner ("que Rabat a apporté à la candidature du Kazakhstan")', () => {
    const text =
      'Le 3 mars 2025 à Rabat, le ministre kazakh Murat Nurtleu a rappelé le soutien que Rabat a apporté à la candidature du Kazakhstan.';
    const events = mains(run(text, 'fr', '2025-03-04'));
    expect(events.map((e) => e.type)).not.toContain('policy_statement');
  });
  it("en: someone's interest in the other side's expertise is their own, not the other side's", () => {
    const text =
      "Kazakh Foreign Minister Murat Nurtleu met Nasser Bourita in Rabat on 3 March 2025 and stressed that Kazakhstan regards Morocco as a partner, expressing his country's interest in Moroccan expertise.";
    expect(mains(run(text, 'en', '2025-03-04')).map((e) => e.type)).not.toContain('policy_statement');
  });
});

describe('one side ready to help or supply the other states a position on it', () => {
  const READY: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu met Moroccan Foreign Minister Nasser Bourita in Rabat on 3 March 2025.\nKazakhstan is ready to supply more wheat to Morocco, Nurtleu said at the meeting with Bourita.',
    fr: "Le ministre kazakh des Affaires étrangères Murat Nurtleu a rencontré Nasser Bourita le 3 mars 2025 à Rabat.\nLe Kazakhstan est prêt à aider le Maroc à moderniser ses chemins de fer, a déclaré Murat Nurtleu lors de l'entretien avec Nasser Bourita.",
    ar: 'التقى وزير خارجية كازاخستان مراد نورتليو يوم 3 مارس 2025 بالرباط وزير الشؤون الخارجية ناصر بوريطة.\nوقال نورتليو إن كازاخستان مستعدة لمساعدة المغرب في تحديث السكك الحديدية.',
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу 3 марта 2025 года встретился в Рабате с министром иностранных дел Марокко Насером Буритой.\nКазахстан готов помочь Марокко в модернизации железных дорог, заявил Нуртлеу на встрече с Буритой.',
  };
  for (const [lang, text] of Object.entries(READY)) {
    it(`${lang}: Kazakhstan's position, voiced by its minister alone`, () => {
      const statement = mains(run(text, lang, '2025-03-04')).find((e) => e.type === 'policy_statement');
      expect(ids(statement)).toEqual(['kz.nurtleu']);
      expect(statement?.date).toMatchObject({ value: '2025-03-03' });
    });
  }
  it('en: a readiness that names no other side states nothing on it', () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu met Nasser Bourita in Rabat on 3 March 2025. Kazakhstan is ready to host the next session of the commission in Astana.';
    expect(mains(run(text, 'en', '2025-03-04')).map((e) => e.type)).not.toContain('policy_statement');
  });
});

describe('a joint military exercise of the two is an act between them, over its span', () => {
  it('en: "joint anti-terror drills" are an exercise', () => {
    const text =
      'Moroccan and Kazakh special forces began joint anti-terror drills near Benguerir on 3 March 2025.';
    expect(mains(run(text, 'en', '2025-03-04')).map((e) => e.type)).toEqual(['other']);
  });
  const EXERCISE: Record<string, string> = {
    en: 'Moroccan and Kazakh special forces concluded on Saturday a joint exercise near Benguerir that began on 10 March 2025.',
    fr: 'Les forces spéciales marocaines et kazakhes ont mené du 10 au 15 mars 2025 des exercices conjoints près de Benguerir.',
    ar: 'اختتمت القوات الخاصة المغربية والكازاخستانية يوم السبت 15 مارس 2025 مناورات عسكرية قرب بنجرير.',
    ru: 'Спецназ Марокко и Казахстана с 10 по 15 марта 2025 года провел совместные учения под Бенгериром.',
  };
  for (const [lang, text] of Object.entries(EXERCISE)) {
    it(`${lang}: one event of type other`, () => {
      const events = mains(run(text, lang, '2025-03-16'));
      expect(events.map((e) => e.type)).toEqual(['other']);
      expect(events[0]?.date?.value.startsWith('2025-03')).toBe(true);
    });
  }
});

describe("a given name that shares a city's stem is no place", () => {
  it('ru: "Александр" before a surname is not Alexandria', () => {
    const text =
      'Министр иностранных дел Казахстана Александр Романович 3 марта 2025 года встретился с министром иностранных дел Марокко Насером Буритой.';
    const [meeting] = mains(run(text, 'ru', '2025-03-04'));
    expect(meeting?.type).toBe('bilateral_meeting');
    expect(meeting?.location?.name).not.toBe('Alexandria');
  });
});

describe('condolences expressed to the other side are an act between them', () => {
  const CONDOLENCES: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu expressed his condolences to Moroccan Foreign Minister Nasser Bourita on 3 March 2025 after the floods in Safi.',
    fr: 'Le ministre kazakh des Affaires étrangères Murat Nurtleu a présenté ses condoléances le 3 mars 2025 au ministre des Affaires étrangères Nasser Bourita après les inondations de Safi.',
    ar: 'أعرب وزير خارجية كازاخستان مراد نورتليو يوم 3 مارس 2025 عن تعازيه لوزير الشؤون الخارجية ناصر بوريطة إثر فيضانات آسفي.',
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу 3 марта 2025 года выразил соболезнования министру иностранных дел Марокко Насеру Бурите в связи с наводнением в Сафи.',
  };
  for (const [lang, text] of Object.entries(CONDOLENCES)) {
    it(`${lang}: one event of type other`, () => {
      expect(mains(run(text, lang, '2025-03-04')).map((e) => e.type)).toEqual(['other']);
    });
  }
});

describe("an ambassador's talks about a third country's conflict are no journey there", () => {
  it('ru: the courtesy visit stays', () => {
    const text =
      'Посол Казахстана в Марокко Саулекуль Сайлаукызы и министр иностранных дел Марокко Насер Бурита 3 марта 2025 года обсудили обстановку в зоне палестино-израильского конфликта.';
    expect(mains(run(text, 'ru', '2025-03-04')).map((e) => e.type)).toEqual(['courtesy_visit']);
  });
});

describe('an arrival told as done starts a visit', () => {
  it('ar: "وصل الوزير … إلى الرباط" is a visit; a volume that "reached" a figure is none', () => {
    const arrived = 'وصل وزير خارجية كازاخستان مراد نورتليو يوم 3 مارس 2025 إلى الرباط قادما من أستانا.';
    expect(mains(run(arrived, 'ar', '2025-03-04')).map((e) => e.type)).toContain('official_visit');
    const reached = 'وصل حجم التبادل التجاري بين المغرب وكازاخستان إلى 100 مليون دولار في 2024.';
    expect(mains(run(reached, 'ar', '2025-03-04'))).toEqual([]);
  });
});

describe('"this agreement" is the one last told, whatever name it gives it now', () => {
  const THIS_AGREEMENT: Record<string, string> = {
    fr: 'Un accord de coopération stratégique a été signé par Nasser Bourita et Murat Nurtleu à Rabat.\nCet accord de partenariat global, signé par les deux ministres en présence des délégations, ouvre une nouvelle étape.',
    en: 'A strategic cooperation agreement was signed by Nasser Bourita and Murat Nurtleu in Rabat.\nThis comprehensive partnership agreement, signed by the two ministers in the presence of the delegations, opens a new chapter.',
  };
  for (const [lang, text] of Object.entries(THIS_AGREEMENT)) {
    it(`${lang}: one signing`, () => {
      const signings = mains(run(text, lang, null)).filter((e) => e.type === 'agreement_signing');
      expect(signings).toHaveLength(1);
    });
  }
});

describe('a reception still to come is a plan', () => {
  it("fr: talks a meeting 'portera sur' are a plan", () => {
    const text =
      'La rencontre portera sur les discussions entre le ministre des Affaires étrangères Nasser Bourita et son homologue kazakh Murat Nurtleu.';
    expect(mains(run(text, 'fr', '2025-03-04'))).toEqual([]);
  });
  it('fr, en: a reception the visitors "are to" have is a plan', () => {
    const fr =
      'Le ministre kazakh Murat Nurtleu est accompagné du vice-ministre Roman Vassilenko, et ils doivent tous les deux être reçus par le chef du gouvernement Aziz Akhannouch.';
    const en =
      'Kazakh Foreign Minister Murat Nurtleu is accompanied by Deputy Minister Roman Vassilenko, and both are to be received by Head of Government Aziz Akhannouch.';
    expect(mains(run(fr, 'fr', '2025-03-04')).map((e) => e.type)).not.toContain('bilateral_meeting');
    expect(mains(run(en, 'en', '2025-03-04')).map((e) => e.type)).not.toContain('bilateral_meeting');
  });
  it("en: talks a meeting 'will include' are a plan", () => {
    const text =
      'The meeting will include discussions between Moroccan Foreign Minister Nasser Bourita and his Kazakh counterpart Murat Nurtleu on trade.';
    expect(mains(run(text, 'en', '2025-03-04'))).toEqual([]);
  });
  const TO_COME: Record<string, string> = {
    en: 'Moroccan parliament speaker to receive Kazakh delegation Tuesday\nThe Speaker of the House of Representatives, Rachid Talbi Alami, will receive a Kazakh parliamentary delegation on Tuesday, a statement told Hespress Online.',
    fr: 'Le président de la Chambre des représentants, Rachid Talbi Alami, recevra mardi une délégation parlementaire kazakhe.',
    ar: 'سيستقبل رئيس مجلس النواب راشيد الطالبي العلمي يوم الثلاثاء وفدا برلمانيا كازاخستانيا.',
    ru: 'Председатель Палаты представителей Марокко Рашид Тальби Алами примет во вторник казахстанскую парламентскую делегацию.',
  };
  for (const [lang, text] of Object.entries(TO_COME)) {
    it(`${lang}: no event, and an outlet named "… Online" is no call`, () => {
      // Published on Sunday: the Tuesday is to come.
      expect(mains(run(text, lang, '2025-03-02'))).toEqual([]);
    });
  }
});

describe("a statement's side speaks for it, never the other side's people it names", () => {
  it("ar: Kazakhstan backing the Moroccan initiative is Kazakhstan's position (the side before 'its support' is its subject, not the initiative's owner)", () => {
    const text = [
      'أجرى وزير الشؤون الخارجية ناصر بوريطة يوم 3 مارس 2025 بالرباط مباحثات مع وزير خارجية كازاخستان مراد نورتليو.',
      'وجددت كازاخستان دعمها للمبادرة المغربية من أجل الأمن الغذائي في إفريقيا.',
    ].join('\n');
    const statement = mains(run(text, 'ar', '2025-03-04')).find((e) => e.type === 'policy_statement');
    expect(ids(statement)).toEqual(['kz.nurtleu']);
  });
  it('fr: the talks a joint press conference closed are a meeting', () => {
    const text =
      "Déclaration de Murat Nurtleu lors d'une conférence de presse conjointe avec le ministre marocain des Affaires étrangères Nasser Bourita à l'issue des négociations à Rabat le 3 mars 2025";
    const [meeting] = mains(run(text, 'fr', '2025-03-04'));
    expect(meeting?.type).toBe('bilateral_meeting');
    expect(ids(meeting)).toEqual(['kz.nurtleu', 'ma.bourita']);
  });
});

describe('"the two presidents" and "their telephone conversation" tell a call between the two', () => {
  const CALL: Record<string, string> = {
    ar: 'تناول الرئيسان في حديثهما الهاتفي يوم 3 مارس 2025 العلاقات بين المغرب وكازاخستان.',
    en: 'The two presidents discussed relations between Morocco and Kazakhstan in a telephone conversation on 3 March 2025.',
  };
  for (const [lang, text] of Object.entries(CALL)) {
    it(`${lang}: one phone call on its day`, () => {
      const events = mains(run(text, lang, '2025-03-04'));
      expect(events.map((e) => [e.type, e.date?.value])).toEqual([['phone_call', '2025-03-03']]);
    });
  }
});

describe('who attended the meeting just told, and what was said there, is that meeting', () => {
  const ATTENDED_TOLD: Record<string, string> = {
    en: "Moroccan Foreign Minister Nasser Bourita received Kazakh Foreign Minister Murat Nurtleu in Rabat on 3 March 2025.\nBourita discussed trade with the Kazakh delegation at the meeting, which was also attended by Kazakhstan's ambassador in Rabat, Saulekul Sailaukyzy.",
    fr: "Le ministre des Affaires étrangères Nasser Bourita a reçu le 3 mars 2025 à Rabat son homologue kazakh Murat Nurtleu.\nM. Bourita a évoqué les échanges commerciaux lors de cette rencontre, à laquelle a également assisté l'ambassadrice du Kazakhstan, Saulekul Sailaukyzy.",
  };
  for (const [lang, text] of Object.entries(ATTENDED_TOLD)) {
    it(`${lang}: one meeting, the ambassador among its participants, no courtesy visit`, () => {
      const events = mains(run(text, lang, '2025-03-04'));
      expect(events.map((e) => e.type)).toEqual(['bilateral_meeting']);
      expect(ids(events[0])).toEqual(['kz.nurtleu', 'kz.sailaukyzy', 'ma.bourita']);
    });
  }
});

describe('someone received with the delegation that came with them is visiting', () => {
  const WITH_DELEGATION: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita received Kazakh Foreign Minister Murat Nurtleu and the delegation accompanying him in Rabat on 3 March 2025.',
    fr: "Le ministre des Affaires étrangères Nasser Bourita a reçu le 3 mars 2025 à Rabat le ministre kazakh des Affaires étrangères Murat Nurtleu et la délégation qui l'accompagne.",
    ar: 'استقبل وزير الشؤون الخارجية ناصر بوريطة يوم 3 مارس 2025 بالرباط وزير خارجية كازاخستان مراد نورتليو والوفد المرافق له.',
    ru: 'Министр иностранных дел Марокко Насер Бурита 3 марта 2025 года принял в Рабате министра иностранных дел Казахстана Мурата Нуртлеу и сопровождающую его делегацию.',
  };
  for (const [lang, text] of Object.entries(WITH_DELEGATION)) {
    it(`${lang}: the meeting, and Nurtleu's visit it took place in`, () => {
      const events = mains(run(text, lang, '2025-03-04'));
      expect(events.map((e) => e.type).sort()).toEqual(['bilateral_meeting', 'official_visit']);
      expect(ids(events.find((e) => e.type === 'official_visit'))).toContain('kz.nurtleu');
    });
  }
});

describe('the day a report was made is not the day of what it reports', () => {
  // Published on Wednesday 5 March 2025; the report came on Monday, the talks are not dated.
  const REPORTED: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita held talks with Kazakh Foreign Minister Murat Nurtleu on trade, the ministry said on Monday.',
    fr: 'Le ministre des Affaires étrangères Nasser Bourita a eu des entretiens avec son homologue kazakh Murat Nurtleu sur le commerce, a annoncé lundi le ministère.',
    ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة مباحثات مع وزير خارجية كازاخستان مراد نورتليو حول التجارة، وفق ما أعلنت الوزارة الاثنين.',
    ru: 'Министр иностранных дел Марокко Насер Бурита провел переговоры с министром иностранных дел Казахстана Муратом Нуртлеу о торговле, сообщило в понедельник министерство.',
  };
  for (const [lang, text] of Object.entries(REPORTED)) {
    it(`${lang}: the talks take the publication's month, not the Monday`, () => {
      const [talks] = mains(run(text, lang, '2025-03-05'));
      expect(talks?.date).toEqual({ value: '2025-03', precision: 'month', source: 'published' });
    });
  }
  it('ru: the day of a saying that closed the talks is the talks’ too ("заявил сегодня … по итогам переговоров")', () => {
    const text =
      'Казахстан может поставить в Марокко пшеницу. Об этом заявил в понедельник Мурат Нуртлеу по итогам переговоров с Насером Буритой.';
    const talks = mains(run(text, 'ru', '2025-03-05')).find((e) => e.type === 'bilateral_meeting');
    expect(talks?.date).toMatchObject({ value: '2025-03-03', precision: 'day' });
  });
  it('en: a day said of a meeting told right after it is the meeting’s', () => {
    const text =
      'Kazakhstan is ready to supply more wheat to Morocco, Kazakh Foreign Minister Murat Nurtleu said on Monday at a meeting with Nasser Bourita in Rabat.';
    const meeting = mains(run(text, 'en', '2025-03-05')).find((e) => e.type === 'bilateral_meeting');
    expect(meeting?.date).toMatchObject({ value: '2025-03-03', precision: 'day' });
  });
});

describe('flights between the two opened or resumed are an act between them', () => {
  const FLIGHTS: Record<string, string> = {
    en: 'The first direct flight between Morocco and Kazakhstan landed in Casablanca on 3 March 2025 with 150 passengers from Almaty.',
    fr: "Le premier vol direct entre le Maroc et le Kazakhstan a atterri le 3 mars 2025 à Casablanca avec 150 passagers venus d'Almaty.",
    ar: 'هبطت أول رحلة مباشرة بين المغرب وكازاخستان يوم 3 مارس 2025 في الدار البيضاء وعلى متنها 150 مسافرا قادمين من ألماتي.',
    ru: 'Первый прямой рейс между Казахстаном и Марокко 3 марта 2025 года приземлился в Касабланке со 150 пассажирами из Алматы.',
  };
  for (const [lang, text] of Object.entries(FLIGHTS)) {
    it(`${lang}: one event of type other on its day`, () => {
      const events = mains(run(text, lang, '2025-03-04'));
      expect(events.map((e) => [e.type, e.date?.value])).toEqual([['other', '2025-03-03']]);
    });
  }
});

describe("a visit named by a pronoun ('during his visit') has its visitor told before", () => {
  const HIS_VISIT: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu held talks with Nasser Bourita in Rabat on 3 March 2025.\nDuring his visit to Rabat, the minister also met representatives of Moroccan businesses.',
    fr: "Le ministre kazakh des Affaires étrangères Murat Nurtleu s'est entretenu le 3 mars 2025 à Rabat avec Nasser Bourita.\nLors de sa visite à Rabat, le ministre a également rencontré des représentants d'entreprises marocaines.",
    ar: 'أجرى وزير خارجية كازاخستان مراد نورتليو يوم 3 مارس 2025 بالرباط مباحثات مع ناصر بوريطة.\nوخلال زيارته للرباط، التقى الوزير أيضا بممثلي شركات مغربية.',
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу 3 марта 2025 года провел в Рабате переговоры с Насером Буритой.\nВ ходе своего визита в Рабат министр также встретился с представителями марокканских компаний.',
  };
  for (const [lang, text] of Object.entries(HIS_VISIT)) {
    it(`${lang}: the talks and the visit they took place in`, () => {
      const types = mains(run(text, lang, '2025-03-04')).map((e) => e.type);
      expect(types).toContain('official_visit');
      expect(types).toContain('bilateral_meeting');
    });
  }
});

describe('a share of trade is a figure, a purchase an act', () => {
  const SHARE: Record<string, string> = {
    en: 'Morocco is a large wheat importer: 30% of the wheat Morocco imports comes from Kazakhstan.',
    fr: 'Le Maroc est un grand importateur de blé : 30 % du blé que le Maroc importe vient du Kazakhstan.',
    ar: 'ويعد المغرب من كبار مستوردي القمح، إذ يستورد المغرب 30 بالمئة من حاجياته من القمح من كازاخستان.',
    ru: 'Марокко — крупный импортер пшеницы: 30% пшеницы Марокко импортирует из Казахстана.',
  };
  for (const [lang, text] of Object.entries(SHARE)) {
    it(`${lang}: no event`, () => {
      expect(mains(run(text, lang, '2025-03-04'))).toEqual([]);
    });
  }
  const BOUGHT: Record<string, string> = {
    en: 'Morocco bought 200,000 tonnes of wheat from Kazakhstan on 3 March 2025, a tenth of its imports.',
    ar: 'اشترى المغرب يوم 3 مارس 2025 نحو 200 ألف طن من القمح من كازاخستان.',
  };
  for (const [lang, text] of Object.entries(BOUGHT)) {
    it(`${lang}: the purchase is an event of type other`, () => {
      expect(mains(run(text, lang, '2025-03-04')).map((e) => e.type)).toEqual(['other']);
    });
  }
});

describe('whose visit a meeting was held on the sidelines of is not at that meeting', () => {
  const SIDELINES: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita met his Kazakh counterpart Murat Nurtleu on 3 March 2025 on the sidelines of the visit of President Kassym-Jomart Tokayev to Rabat.',
    fr: 'Le ministre des Affaires étrangères Nasser Bourita a rencontré son homologue kazakh Murat Nurtleu le 3 mars 2025 en marge de la visite du président Kassym-Jomart Tokaïev à Rabat.',
  };
  for (const [lang, text] of Object.entries(SIDELINES)) {
    it(`${lang}: the two ministers only`, () => {
      const meeting = mains(run(text, lang, '2025-03-04')).find((e) => e.type === 'bilateral_meeting');
      expect(ids(meeting)).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
  }
});

describe('the one an adviser advises is only named', () => {
  const ADVISER: Record<string, string> = {
    en: 'André Azoulay, adviser to King Mohammed VI, received Kazakh Ambassador Saulekul Sailaukyzy in Rabat on 14 May 2024.',
    fr: "André Azoulay, conseiller du Roi Mohammed VI, a reçu le 14 mai 2024 à Rabat l'ambassadrice du Kazakhstan Saulekul Sailaukyzy.",
  };
  for (const [lang, text] of Object.entries(ADVISER)) {
    it(`${lang}: the King is no participant of his adviser's meeting`, () => {
      const [meeting] = mains(run(text, lang, '2024-05-15'));
      expect(ids(meeting)).toEqual(['kz.sailaukyzy', 'ma.azoulay']);
    });
  }
});

describe('sentences glued together by a page that lost its spacing are read apart', () => {
  it('fr: a stop or a colon with no space after it, and a heading run into its paragraph', () => {
    const text =
      "Le ministre kazakh Murat Nurtleu s'est entretenu le 3 mars 2025 à Rabat avec Nasser Bourita.Voici ce qu'il faut retenir de cette visite:Le corridor transcaspienAstana salue l'intérêt de Rabat pour le corridor transcaspien.";
    const statement = mains(run(text, 'fr', '2025-03-04')).find((e) => e.type === 'policy_statement');
    expect(ids(statement)).toEqual(['kz.nurtleu']);
  });
  it('fr: a company written in one word with capitals inside (TotalEnergies, KazMunayGas) is no break', () => {
    const text =
      'Le ministre kazakh Murat Nurtleu a rencontré le 3 mars 2025 à Rabat Nasser Bourita, puis les dirigeants de TotalEnergies et de KazMunayGas.';
    const [meeting] = mains(run(text, 'fr', '2025-03-04'));
    expect(meeting?.evidence.find((x) => x.field === 'type')?.text).toContain('KazMunayGas');
  });
});

describe('who attended the event told before takes part in it', () => {
  const ATTENDED: Record<string, string> = {
    fr: "L'ambassade du Kazakhstan a organisé le 16 décembre 2024 à Rabat une cérémonie à l'occasion de la fête de l'Indépendance.\nOnt pris part à cet événement le ministre des Affaires étrangères Nasser Bourita et l'ambassadrice du Kazakhstan Saulekul Sailaukyzy.",
    en: 'The Embassy of Kazakhstan in Rabat held a reception on 16 December 2024 to mark Independence Day.\nThe event was attended by Moroccan Foreign Minister Nasser Bourita and Ambassador Saulekul Sailaukyzy.',
  };
  for (const [lang, text] of Object.entries(ATTENDED)) {
    it(`${lang}: the attendees are the reception's participants, no event of their own`, () => {
      const events = mains(run(text, lang, '2024-12-17'));
      expect(events).toHaveLength(1);
      expect(ids(events[0])).toEqual(['kz.sailaukyzy', 'ma.bourita']);
    });
  }
});

describe('a document that names no signatory was signed by the people of its setting', () => {
  it('fr: the roadmap sealed, then the visit and talks it was sealed at', () => {
    const text = [
      'Le Maroc et le Kazakhstan ont franchi, ce vendredi, une nouvelle étape en scellant une feuille de route ambitieuse.',
      "Cette dynamique a été concrétisée lors de la visite officielle du ministre kazakh des Affaires étrangères, Murat Nurtleu, à Rabat, où il s'est entretenu avec son homologue marocain, Nasser Bourita.",
    ].join('\n');
    const document = mains(run(text, 'fr', null)).find((e) => e.type === 'agreement_signing');
    expect(ids(document)).toEqual(['kz.nurtleu', 'ma.bourita']);
  });
});

describe('the city a dispatch was filed from places nothing the sentence places elsewhere', () => {
  it('en: "ASTANA – … signed a roadmap during the visit … to Rabat" was signed in Rabat', () => {
    const text =
      'ASTANA – Kazakhstan and Morocco signed a roadmap for cooperation on 28 February 2025 during the visit of Kazakh Foreign Minister Murat Nurtleu to Rabat.';
    const signing = mains(run(text, 'en', '2025-03-01')).find((e) => e.type === 'agreement_signing');
    expect(signing?.location?.name).toBe('Rabat');
  });
  it('en: with no other place, the dateline still places the news', () => {
    const text =
      'ASTANA – Kazakh Foreign Minister Murat Nurtleu held talks with Moroccan Foreign Minister Nasser Bourita on 28 February 2025.';
    expect(mains(run(text, 'en', '2025-03-01'))[0]?.location?.name).toBe('Astana');
  });
});

describe('4. the head of a body is not the head of state, and a city before a role is no country of it', () => {
  const BODY_HEAD: Record<string, string> = {
    ar: 'وقع وزير الأوقاف والشؤون الإسلامية، أمس الإثنين بالرباط، مع رئيس الإدارة الدينية لمسلمي كازاخستان، اتفاقا للتعاون في المجال الديني.',
    fr: "Le ministre des Habous a signé lundi à Rabat avec le président de l'Administration spirituelle des musulmans du Kazakhstan un accord de coopération religieuse entre le Maroc et le Kazakhstan.",
    en: 'The Moroccan minister of Islamic affairs signed on Monday in Rabat with the chairman of the Spiritual Administration of Muslims of Kazakhstan an agreement on religious cooperation.',
  };
  for (const [lang, text] of Object.entries(BODY_HEAD)) {
    it(`${lang}: neither king nor president signed`, () => {
      const [signing] = mains(run(text, lang, '2022-12-13'));
      expect(signing?.type).toBe('agreement_signing');
      expect(ids(signing)).not.toContain('ma.mohammed-vi');
      expect(ids(signing)).not.toContain('kz.tokayev');
    });
  }
});

describe("4. an office that has its country ends its phrase; one without stacks on the next person's", () => {
  it('ar: the speaker in Rabat received the ambassador named after her full title', () => {
    const text =
      'استقبل رئيس مجلس المستشارين بالرباط السفيرة فوق العادة والمفوضة لجمهورية كازاخستان بالمغرب، ساوليكول سايلاوكيزا، يوم الخميس 12 يونيو 2025.';
    const [call] = mains(run(text, 'ar', '2025-06-13'));
    expect(call?.type).toBe('courtesy_visit');
    expect(call?.participants.find((p) => p.actorId === 'kz.sailaukyzy')?.role).toBe('ambassador');
  });
  it('fr: "l’ambassadrice extraordinaire et plénipotentiaire du Kazakhstan au Maroc, NAME" is a call', () => {
    const text =
      'Le président de la Chambre des conseillers a reçu, jeudi à Rabat, l’ambassadrice extraordinaire et plénipotentiaire de la République du Kazakhstan au Maroc, Saulekul Sailaukyzy.';
    const [call] = mains(run(text, 'fr', '2025-06-13'));
    expect(call?.type).toBe('courtesy_visit');
    expect(call?.participants.find((p) => p.actorId === 'kz.sailaukyzy')?.role).toBe('ambassador');
  });
  it('en: "Deputy Prime Minister, Minister of National Economy of Kazakhstan, NAME" is one person', () => {
    const text =
      'Head of Government Aziz Akhannouch received in Rabat on 10 September 2025 the Deputy Prime Minister and Minister of National Economy of Kazakhstan, Serik Zhumangarin.';
    const [meeting] = mains(run(text, 'en', '2025-09-11'));
    expect(ids(meeting)).toEqual(['ma.akhannouch', 'unknown:serik-zhumangarin']);
  });
  it('ar: "نائب رئيس الوزراء وزير الاقتصاد بجمهورية كازاخستان، NAME" is that person, not the other deputy prime minister', () => {
    const text =
      'استقبل رئيس الحكومة عزيز أخنوش، يوم 10 شتنبر 2025 بالرباط، نائب رئيس الوزراء وزير الاقتصاد الوطني بجمهورية كازاخستان، سيريك جومانغارين.';
    const [meeting] = mains(run(text, 'ar', '2025-09-11'));
    expect(ids(meeting)).toContain('ma.akhannouch');
    expect(ids(meeting)).not.toContain('kz.nurtleu');
  });
});

describe('3. a page dated only by its month tells no weekday', () => {
  const MONTH_ONLY: Record<string, string> = {
    fr: "Le ministre des Affaires étrangères Nasser Bourita s'est entretenu jeudi à Rabat avec son homologue kazakh Murat Nurtleu.",
    en: 'Moroccan Foreign Minister Nasser Bourita held talks on Thursday in Rabat with his Kazakh counterpart Murat Nurtleu.',
    ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة، أمس الخميس بالرباط، مباحثات مع نظيره الكازاخستاني مراد نورتليو.',
    ru: 'Министр иностранных дел Марокко Насер Бурита провел в четверг в Рабате переговоры с казахстанским коллегой Муратом Нуртлеу.',
  };
  for (const [lang, text] of Object.entries(MONTH_ONLY)) {
    it(`${lang}: "Thursday" on a page of "2025-02" is February 2025, not its last Thursday`, () => {
      const [news] = mains(run(text, lang, '2025-02'));
      expect(news?.date).toMatchObject({ value: '2025-02', precision: 'month' });
    });
  }
  it('fr: "ces dernières années" (recent years) is not "l’année dernière" (last year)', () => {
    const text =
      "L'ambassadrice du Kazakhstan au Maroc, Saulekul Sailaukyzy, s'exprimant lors d'une table ronde à Casablanca, a indiqué que le commerce entre le Kazakhstan et le Maroc a fortement progressé ces dernières années.";
    const [news] = run(text, 'fr', '2025-02');
    expect(news?.main).toBe(true);
    expect(news?.date).toMatchObject({ value: '2025-02', precision: 'month' });
  });
});

describe('2. talks told after a visit, by "he", are meetings of their own with the visitor', () => {
  const VISIT_THEN_TALKS: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu paid an official visit to Morocco. He held talks with Head of Government Aziz Akhannouch. He also met his Moroccan counterpart Nasser Bourita.',
    fr: 'Le ministre kazakh des Affaires étrangères Murat Nurtleu a effectué une visite officielle au Maroc. Il s’est entretenu avec le chef du gouvernement Aziz Akhannouch. Il a également rencontré son homologue marocain Nasser Bourita.',
    ar: 'قام وزير خارجية كازاخستان مراد نورتليو بزيارة رسمية إلى المغرب. وأجرى مباحثات مع رئيس الحكومة عزيز أخنوش. كما التقى نظيره المغربي ناصر بوريطة.',
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу совершил официальный визит в Марокко. Он провел переговоры с главой правительства Азизом Аханнушем. Он также встретился с министром иностранных дел Марокко Насером Буритой.',
  };
  for (const [lang, text] of Object.entries(VISIT_THEN_TALKS)) {
    it(`${lang}: the visit and two meetings, each with the visitor and its own host`, () => {
      const events = mains(run(text, lang, '2025-02-24'));
      expect(events.filter((e) => e.type === 'official_visit')).toHaveLength(1);
      const meetings = events.filter((e) => e.type === 'bilateral_meeting').map(ids);
      expect(meetings).toContainEqual(['kz.nurtleu', 'ma.akhannouch']);
      expect(meetings).toContainEqual(['kz.nurtleu', 'ma.bourita']);
    });
  }
  it('en: an ambassador’s call told again as "the meeting" stays one call', () => {
    const text =
      'Speaker of the House of Councillors Mohamed Ould Errachid received on Tuesday in Rabat the Ambassador of Kazakhstan, Saulekul Sailaukyzy. During the meeting, Ould Errachid and Sailaukyzy discussed parliamentary cooperation.';
    expect(mains(run(text, 'en', '2025-06-11'))).toHaveLength(1);
  });
});

describe('3. "earlier in the day" is the news’s day, not a past one', () => {
  const EARLIER_THAT_DAY: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita held talks in Rabat on Tuesday with Kazakh Foreign Minister Murat Nurtleu. Earlier in the day, Nurtleu arrived in Rabat for an official visit to Morocco.',
    ru: 'Министр иностранных дел Марокко Насер Бурита провел во вторник в Рабате переговоры с министром иностранных дел Казахстана Муратом Нуртлеу. Ранее в тот же день Нуртлеу прибыл в Рабат с официальным визитом в Марокко.',
    ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة، يوم الثلاثاء بالرباط، مباحثات مع وزير خارجية كازاخستان مراد نورتليو. وفي وقت سابق اليوم، وصل نورتليو إلى الرباط في زيارة رسمية إلى المغرب.',
  };
  for (const [lang, text] of Object.entries(EARLIER_THAT_DAY)) {
    it(`${lang}: the arrival is news of that day`, () => {
      const visit = run(text, lang, '2025-02-26').find((e) => e.type === 'official_visit');
      expect(visit?.main).toBe(true);
    });
  }
});

describe('a journey to a multilateral summit is no visit between the two; talks on its sidelines are talks', () => {
  const SUMMIT: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita met Kazakh Foreign Minister Murat Nurtleu on Wednesday in Astana. Bourita arrived in Kazakhstan to take part in the summit of the Organization of Islamic Cooperation.',
    fr: "Le ministre des Affaires étrangères Nasser Bourita s'est entretenu mercredi à Astana avec son homologue kazakh Murat Nurtleu. Le ministre marocain est arrivé au Kazakhstan pour participer au sommet de l'Organisation de la coopération islamique.",
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу в среду провел в Рабате переговоры с министром иностранных дел Марокко Насером Буритой. Нуртлеу прибыл в Марокко для участия в саммите Организации исламского сотрудничества.',
    ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة، يوم الأربعاء بأستانا، مباحثات مع نظيره الكازاخستاني مراد نورتليو. وحل بوريطة بكازاخستان للمشاركة في قمة منظمة التعاون الإسلامي.',
  };

  for (const [lang, text] of Object.entries(SUMMIT)) {
    it(`${lang}: the talks, no visit`, () => {
      const events = mains(run(text, lang, '2025-09-25'));
      expect(events.map((e) => e.type)).toEqual(['bilateral_meeting']);
    });
  }
});

describe('4. what a call said is the call', () => {
  const CALL_CONGRATULATES: Record<string, string> = {
    en: 'President Kassym-Jomart Tokayev had a telephone conversation today with King Mohammed VI, whom he warmly congratulated on the national holiday of Morocco.',
    fr: "Le président Kassym-Jomart Tokaïev a eu ce jeudi un entretien téléphonique avec le Roi Mohammed VI, qu'il a chaleureusement félicité à l'occasion de la fête nationale du Maroc.",
    ar: 'أجرى الرئيس الكازاخستاني قاسم جومارت توكاييف اليوم اتصالا هاتفيا مع الملك محمد السادس، وهنأه بحرارة بمناسبة العيد الوطني للمغرب.',
  };
  for (const [lang, text] of Object.entries(CALL_CONGRATULATES)) {
    it(`${lang}: one phone call, its congratulations no event of their own`, () => {
      const events = mains(run(text, lang, '2025-07-30'));
      expect(events.map((e) => e.type)).toEqual(['phone_call']);
    });
  }
  it('ar: a headline "X congratulated Y" over the call that tells it is that call', () => {
    const text = [
      'توكاييف يهنئ الملك محمد السادس بعيد العرش',
      'أجرى الرئيس الكازاخستاني قاسم جومارت توكاييف اتصالا هاتفيا مع الملك محمد السادس، وهنأه بمناسبة عيد العرش.',
    ].join('\n');
    expect(mains(run(text, 'ar', null)).map((e) => e.type)).toEqual(['phone_call']);
  });
});

describe('a plan told in a clause of its own keeps its date, place and people; the talks around it are news', () => {
  const PLAN_IN_TALKS: Record<string, string> = {
    en: 'Morocco hopes that President Kassym-Jomart Tokayev will attend the forum, which will be held in Marrakech in December, Foreign Minister Nasser Bourita said at a meeting with his Kazakh counterpart Murat Nurtleu.',
    fr: 'Le Maroc espère que le président Kassym-Jomart Tokaïev participera au forum, qui se tiendra à Marrakech en décembre, a déclaré le ministre des Affaires étrangères Nasser Bourita lors d’un entretien avec son homologue kazakh Murat Nurtleu.',
    ru: 'Марокко надеется, что президент Касым-Жомарт Токаев сможет посетить форум, который состоится в Марракеше в декабре, заявил министр иностранных дел Марокко Насер Бурита на встрече с министром иностранных дел Казахстана Муратом Нуртлеу.',
  };
  for (const [lang, text] of Object.entries(PLAN_IN_TALKS)) {
    it(`${lang}: the meeting of the two ministers, not dated, placed or attended by the plan`, () => {
      const [meeting, ...rest] = mains(run(text, lang, '2025-09-25'));
      expect(rest).toEqual([]);
      expect(meeting?.type).toBe('bilateral_meeting');
      expect(ids(meeting)).toEqual(['kz.nurtleu', 'ma.bourita']);
      expect(meeting?.location?.name).not.toBe('Marrakech');
      expect(meeting?.date?.value).not.toBe('2025-12');
    });
  }
});

describe('2. another meeting that day, with another host, is another meeting', () => {
  const LATER_THAT_DAY: Record<string, string> = {
    en: 'Head of Government Aziz Akhannouch received Kazakh Foreign Minister Murat Nurtleu in Rabat on Monday. Later in the day, Nurtleu held talks with his Moroccan counterpart Nasser Bourita.',
    ar: 'استقبل رئيس الحكومة عزيز أخنوش، اليوم الاثنين بالرباط، وزير خارجية كازاخستان مراد نورتليو. وفي وقت لاحق اليوم، أجرى نورتليو مباحثات مع نظيره المغربي ناصر بوريطة.',
  };
  for (const [lang, text] of Object.entries(LATER_THAT_DAY)) {
    it(`${lang}: two meetings on that Monday, each with its host`, () => {
      const meetings = mains(run(text, lang, '2025-02-24')).filter((e) => e.type === 'bilateral_meeting');
      expect(meetings.map(ids)).toEqual([
        ['kz.nurtleu', 'ma.akhannouch'],
        ['kz.nurtleu', 'ma.bourita'],
      ]);
      expect(meetings.map((m) => m.date?.value)).toEqual(['2025-02-24', '2025-02-24']);
    });
  }
});

describe('3. "on the eve of the visit" dates no visit', () => {
  const EVE: Record<string, string> = {
    en: 'On the eve of the visit to Rabat, Kazakh Foreign Minister Murat Nurtleu said in an interview that Morocco is a key partner of Kazakhstan in Africa.',
    fr: 'À la veille de la visite à Rabat, le ministre kazakh des Affaires étrangères Murat Nurtleu a déclaré que le Maroc est un partenaire clé du Kazakhstan en Afrique.',
    ar: 'وفي تصريحات صحفية عشية الزيارة إلى الرباط، أكد وزير خارجية كازاخستان مراد نورتليو أن المغرب يعد شريكا رئيسيا لكازاخستان في إفريقيا.',
  };
  for (const [lang, text] of Object.entries(EVE)) {
    it(`${lang}: no visit on the day before it`, () => {
      expect(run(text, lang, '2025-02-27').filter((e) => e.type === 'official_visit')).toEqual([]);
    });
  }
});

describe('5. "signed in October 2018 and in force since January": each act its own date', () => {
  const SIGNED_THEN_IN_FORCE: Record<string, string> = {
    ar: 'وأشار الوزير إلى أن اتفاقية الإعفاء من التأشيرة التي وقع عليها الوزيران بوريطة ونورتليو في أكتوبر عام 2018 دخلت حيز التنفيذ في يناير الماضي.',
    en: 'The minister recalled that the visa waiver agreement, which Bourita and Nurtleu signed in October 2018 and which entered into force last January, benefits travellers from Morocco and Kazakhstan.',
  };
  for (const [lang, text] of Object.entries(SIGNED_THEN_IN_FORCE)) {
    it(`${lang}: the signing in October 2018, the entry into force in January`, () => {
      const events = run(text, lang, '2021-04-12');
      expect(events.find((e) => e.type === 'agreement_signing')?.date?.value).toBe('2018-10');
      expect(events.find((e) => e.type === 'agreement_entry_into_force')?.date?.value).toBe('2021-01');
    });
  }
});

describe('2. a signing at talks held during a visit has the two who met as signatories', () => {
  const SIGNED_AT_TALKS: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu paid an official visit to Morocco. He was received by Head of Government Aziz Akhannouch. He then held talks with Moroccan Foreign Minister Nasser Bourita, after which they signed a memorandum of understanding on political consultations.',
    fr: "Le ministre kazakh des Affaires étrangères Murat Nurtleu a effectué une visite officielle au Maroc. Il a été reçu par le chef du gouvernement Aziz Akhannouch. Il s'est ensuite entretenu avec le ministre des Affaires étrangères Nasser Bourita, à l'issue de quoi ils ont signé un mémorandum d'entente sur les consultations politiques.",
  };
  for (const [lang, text] of Object.entries(SIGNED_AT_TALKS)) {
    it(`${lang}: the memorandum's signatories are the two ministers, not the head of government`, () => {
      const signing = mains(run(text, lang, '2025-02-24')).find((e) => e.type === 'agreement_signing');
      expect(ids(signing)).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
  }
});

describe('welcoming someone is receiving them; welcoming a decision is not', () => {
  const WELCOMED: Record<string, string> = {
    ar: 'وقال المتحدث باسم رئاسة الحكومة إن رئيس الحكومة عزيز أخنوش رحب بنورتليو والوفد المرافق له في المغرب، مؤكدا متانة العلاقات المغربية الكازاخستانية.',
    en: 'Head of Government Aziz Akhannouch welcomed Murat Nurtleu and the accompanying delegation to Morocco, stressing the strength of Moroccan-Kazakh relations.',
  };
  for (const [lang, text] of Object.entries(WELCOMED)) {
    it(`${lang}: a meeting of the two`, () => {
      const [meeting] = mains(run(text, lang, '2025-02-24'));
      expect(meeting?.type).toBe('bilateral_meeting');
      expect(ids(meeting)).toEqual(['kz.nurtleu', 'ma.akhannouch']);
    });
  }
  it('en: "welcomed the resolution" receives no one', () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu welcomed the resolution adopted by the Security Council on Morocco.';
    expect(run(text, 'en', '2025-02-24').filter((e) => e.type === 'bilateral_meeting')).toEqual([]);
  });
});

describe('4. a call whose sentence names no one is between the two named just before', () => {
  const WHO_BEFORE: Record<string, string> = {
    en: 'President Kassym-Jomart Tokayev today briefed King Mohammed VI on the reforms under way in Kazakhstan. The telephone conversation took place at the initiative of Rabat, the Akorda press service said.',
    fr: "Le président Kassym-Jomart Tokaïev a informé aujourd'hui le roi Mohammed VI des réformes en cours au Kazakhstan. L'entretien téléphonique a eu lieu à l'initiative de Rabat, a indiqué le service de presse de l'Akorda.",
    ru: 'Президент Касым-Жомарт Токаев сегодня проинформировал короля Мухаммеда VI о проводимых в Казахстане реформах. Телефонный разговор состоялся по инициативе Рабата, сообщила пресс-служба Акорды.',
  };
  for (const [lang, text] of Object.entries(WHO_BEFORE)) {
    it(`${lang}: a call between the president and the king, on the day`, () => {
      const calls = mains(run(text, lang, '2025-03-04')).filter((e) => e.type === 'phone_call');
      expect(calls).toHaveLength(1);
      expect(ids(calls[0])).toEqual(['kz.tokayev', 'ma.mohammed-vi']);
      expect(calls[0]?.date?.value).toBe('2025-03-04');
    });
  }
});

describe('a body of one side names it; its news agency reports, and is no party', () => {
  const BODY: Record<string, string> = {
    en: 'A telephone conversation with Rabat took place today, the Akorda said.',
    fr: "Un entretien téléphonique avec Rabat a eu lieu aujourd'hui, a annoncé l'Akorda.",
    ru: 'Сегодня состоялся телефонный разговор с Рабатом, сообщила Акорда.',
  };
  for (const [lang, text] of Object.entries(BODY)) {
    it(`${lang}: the presidency that reports the call is the other side of it`, () => {
      expect(mains(run(text, lang, '2025-03-04')).map((e) => e.type)).toEqual(['phone_call']);
    });
  }
  const AGENCY: Record<string, string> = {
    en: 'According to Kazinform, the Moroccan Minister of Industry held talks in Rabat on Tuesday with investors.',
    ru: 'Как сообщает Казинформ, министр промышленности Марокко провел во вторник в Рабате переговоры с инвесторами.',
  };
  for (const [lang, text] of Object.entries(AGENCY)) {
    it(`${lang}: the agency that reports talks is not their other side`, () => {
      expect(mains(run(text, lang, '2025-03-05'))).toEqual([]);
    });
  }
});

describe('5. a meeting hoped for is no meeting, and its people are not at the talks', () => {
  const HOPED: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu held talks with Moroccan Foreign Minister Nasser Bourita in Rabat on Monday. "President Tokayev hopes to meet King Mohammed VI soon," Nurtleu said at the start of the talks.',
    fr: "Le ministre kazakh des Affaires étrangères Murat Nurtleu s'est entretenu lundi à Rabat avec le ministre des Affaires étrangères Nasser Bourita. « Le président Tokaïev espère rencontrer prochainement le roi Mohammed VI », a déclaré Nurtleu à l'ouverture des entretiens.",
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу провел в понедельник в Рабате переговоры с министром иностранных дел Марокко Насером Буритой. «Президент Токаев надеется на встречу с королем Мухаммедом VI», — сказал Нуртлеу в начале переговоров.',
    ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين بالرباط، مباحثات مع وزير خارجية كازاخستان مراد نورتليو. وقال نورتليو في مستهل المباحثات: "إن الرئيس توكاييف يأمل في لقاء الملك محمد السادس قريبا".',
  };
  for (const [lang, text] of Object.entries(HOPED)) {
    it(`${lang}: one meeting, of the two ministers`, () => {
      const meetings = mains(run(text, lang, '2025-02-25')).filter((e) => e.type === 'bilateral_meeting');
      expect(meetings).toHaveLength(1);
      expect(ids(meetings[0])).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
  }
});

describe('4. a given name spelt otherwise, before a name the knowledge base knows, is that person', () => {
  const SPELT: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu held talks on Monday in Rabat with Foreign Minister Naseer Bourita.',
    fr: "Le ministre kazakh des Affaires étrangères Murat Nurtleu s'est entretenu lundi à Rabat avec le ministre des Affaires étrangères Nacer Bourita.",
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу провел в понедельник в Рабате переговоры с министром иностранных дел Марокко Нассиром Буритой.',
  };
  for (const [lang, text] of Object.entries(SPELT)) {
    it(`${lang}: two participants, no unknown third`, () => {
      const [meeting] = mains(run(text, lang, '2025-02-25'));
      expect(meeting?.participants.map((p) => p.actorId).sort()).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
  }
});

describe("5. another pair's joint statement, told at talks of the two, is no joint statement of theirs", () => {
  const OTHERS: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu briefed Moroccan Foreign Minister Nasser Bourita in Rabat on Monday on the joint statement of Russia and the United States on Syria.',
    fr: 'Le ministre kazakh des Affaires étrangères Murat Nurtleu a informé lundi à Rabat le ministre des Affaires étrangères Nasser Bourita de la déclaration conjointe de la Russie et des États-Unis sur la Syrie.',
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу в понедельник в Рабате проинформировал министра иностранных дел Марокко Насера Буриту о совместном заявлении России и США по Сирии.',
  };
  for (const [lang, text] of Object.entries(OTHERS)) {
    it(`${lang}: no joint statement`, () => {
      expect(run(text, lang, '2025-02-25').filter((e) => e.type === 'joint_statement')).toEqual([]);
    });
  }
  it("en: the two sides' own joint statement still is one", () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu and Moroccan Foreign Minister Nasser Bourita adopted a joint statement in Rabat on Monday.';
    expect(mains(run(text, 'en', '2025-02-25')).map((e) => e.type)).toContain('joint_statement');
  });
});

describe('3. "yesterday, Monday" is the Monday, also on a page dated that Monday', () => {
  const YESTERDAY_MONDAY: Record<string, string> = {
    ar: 'وصل وزير الخارجية الكازاخستاني مراد نورتليو، أمس الاثنين، إلى الرباط في زيارة رسمية إلى المغرب.',
    en: 'Kazakh Foreign Minister Murat Nurtleu arrived in Rabat yesterday, Monday, on an official visit to Morocco.',
    fr: 'Le ministre kazakh des Affaires étrangères Murat Nurtleu est arrivé hier, lundi, à Rabat pour une visite officielle au Maroc.',
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу прибыл вчера, в понедельник, в Рабат с официальным визитом в Марокко.',
  };
  for (const [lang, text] of Object.entries(YESTERDAY_MONDAY)) {
    it(`${lang}: Monday 24 February, on a page dated Monday or Tuesday`, () => {
      for (const published of ['2025-02-24', '2025-02-25']) {
        const visit = mains(run(text, lang, published)).find((e) => e.type === 'official_visit');
        expect(visit?.date?.value, published).toBe('2025-02-24');
      }
    });
  }
});

describe("a side backing the other's actions, named by its capital beside a third country's crisis, states a position", () => {
  const ACTIONS: Record<string, string> = {
    en: "Moroccan Foreign Minister Nasser Bourita supported Astana's actions aimed at settling the crisis in Afghanistan.",
    fr: "Le ministre des Affaires étrangères Nasser Bourita a soutenu les actions d'Astana visant à régler la crise en Afghanistan.",
    ru: 'Министр иностранных дел Марокко Насер Бурита поддержал действия Астаны, направленные на урегулирование кризиса в Афганистане.',
    ar: 'وأيد وزير الشؤون الخارجية ناصر بوريطة تحركات أستانا الرامية إلى تسوية الأزمة في أفغانستان.',
  };
  for (const [lang, text] of Object.entries(ACTIONS)) {
    it(`${lang}: a policy statement by the minister`, () => {
      const [statement, ...rest] = mains(run(text, lang, '2025-03-05'));
      expect(rest).toEqual([]);
      expect(statement?.type).toBe('policy_statement');
      expect(ids(statement)).toEqual(['ma.bourita']);
    });
  }
  it('en: "we salute Kazakhstan\'s aspiration" is one too', () => {
    const text =
      '"We salute Kazakhstan\'s aspiration to join the initiative," Moroccan Foreign Minister Nasser Bourita said.';
    expect(mains(run(text, 'en', '2025-03-05')).map((e) => e.type)).toEqual(['policy_statement']);
  });
});

describe('4. a minister given no country, facing someone of one side, is of the other', () => {
  const ACROSS: Record<string, string> = {
    en: 'Tourism Minister Fatima Ammor held talks on Monday in Riyadh with Kazakh Foreign Minister Murat Nurtleu on the sidelines of the UN Tourism General Assembly.',
    fr: "Fatima Ammor, ministre du Tourisme, s'est entretenue lundi à Riyad avec le ministre kazakh des Affaires étrangères Murat Nurtleu, en marge de l'Assemblée générale d'ONU Tourisme.",
    ar: 'أجرت فاطمة عمور، وزيرة السياحة، يوم الاثنين بالرياض، مباحثات مع وزير خارجية كازاخستان مراد نورتليو، على هامش الجمعية العامة لمنظمة الأمم المتحدة للسياحة.',
    ru: 'Фатима Аммор, министр туризма, провела в понедельник в Эр-Рияде переговоры с министром иностранных дел Казахстана Муратом Нуртлеу на полях Генассамблеи ООН по туризму.',
  };
  for (const [lang, text] of Object.entries(ACROSS)) {
    it(`${lang}: talks between the two sides`, () => {
      const [meeting] = mains(run(text, lang, '2025-11-11'));
      expect(meeting?.type).toBe('bilateral_meeting');
      const countries = meeting?.participants.map((p) => p.country).sort();
      expect(countries).toEqual(['KZ', 'MA']);
    });
  }
  const PORTFOLIO: Record<string, string> = {
    en: 'The Minister of Tourism, Fatima Ammor, held talks on Monday in Riyadh with Kazakh Foreign Minister Murat Nurtleu.',
    fr: "La ministre du Tourisme et de l'Artisanat, Fatima Ammor, s'est entretenue lundi à Riyad avec le ministre kazakh des Affaires étrangères Murat Nurtleu.",
    ru: 'Министр туризма и ремесел Фатима Аммор провела в понедельник в Эр-Рияде переговоры с министром иностранных дел Казахстана Муратом Нуртлеу.',
  };
  for (const [lang, text] of Object.entries(PORTFOLIO)) {
    it(`${lang}: also with the portfolio between the office and the name`, () => {
      const [meeting] = mains(run(text, lang, '2025-11-11'));
      expect(meeting?.participants.map((p) => p.country).sort()).toEqual(['KZ', 'MA']);
    });
  }
  it('en: not when someone of a third country is beside them', () => {
    const text =
      'Tourism Minister Fatima Ammor held talks on Monday in Riyadh with Kazakh Foreign Minister Murat Nurtleu and Saudi Foreign Minister Faisal bin Farhan.';
    expect(
      mains(run(text, 'en', '2025-11-11')).flatMap((e) => e.participants.map((p) => p.country)),
    ).not.toContain('MA');
  });
});

describe('4. someone introduced with an office of one side, later named by surname alone, is of that side', () => {
  const SURNAME_LATER: Record<string, string> = {
    en: 'Aidos Sarym, chairman of the committee on international affairs of the Kazakh Mazhilis, proposed setting up a parliamentary friendship group. "We are open to cooperation," Sarym said at a meeting with the chairman of the foreign affairs committee of the Moroccan House of Representatives.',
    fr: "Aidos Sarym, président de la commission des affaires internationales du Majilis kazakh, a proposé de créer un groupe d'amitié parlementaire. « Nous sommes ouverts à la coopération », a déclaré M. Sarym lors d'une rencontre avec le président de la commission des affaires étrangères de la Chambre des représentants du Maroc.",
    ru: 'Председатель комитета Мажилиса по международным делам Айдос Сарым предложил создать межпарламентскую группу дружбы. «Мы открыты к сотрудничеству», — сказал Сарым на встрече с председателем комитета по иностранным делам Палаты представителей Марокко.',
  };
  for (const [lang, text] of Object.entries(SURNAME_LATER)) {
    it(`${lang}: a meeting of the two sides, with the committee chair as participant`, () => {
      const meetings = mains(run(text, lang, '2025-04-16')).filter((e) => e.type.endsWith('meeting'));
      expect(meetings).toHaveLength(1);
      const kazakh = meetings[0]?.participants.find((p) => p.country === 'KZ');
      expect(kazakh?.actorId).toBe(lang === 'ru' ? 'unknown:айдос-сарым' : 'unknown:aidos-sarym');
    });
  }
});

describe('5. a plan word opening the sentence as a clause of its own makes it all a plan', () => {
  const OPENS_PLAN: Record<string, string> = {
    ar: 'ومن المقرر، أن يعقد وزير خارجية كازاخستان مراد نورتليو عددا من المباحثات واللقاءات مع وزير الشؤون الخارجية ناصر بوريطة ورئيس الحكومة عزيز أخنوش.',
    ru: 'Ожидается, что министр иностранных дел Казахстана Мурат Нуртлеу проведет в Рабате переговоры и встречи с министром иностранных дел Марокко Насером Буритой.',
  };
  for (const [lang, text] of Object.entries(OPENS_PLAN)) {
    it(`${lang}: no meeting yet`, () => {
      expect(mains(run(text, lang, '2025-02-24'))).toEqual([]);
    });
  }
});

describe("a consul's call on an official of the host country is a courtesy visit, as an ambassador's is", () => {
  const CONSUL: Record<string, string> = {
    en: 'The Mayor of Casablanca received on Tuesday the Consul General of Kazakhstan in Casablanca to discuss economic and cultural cooperation.',
    fr: 'Le maire de Casablanca a reçu mardi le consul général du Kazakhstan à Casablanca pour examiner la coopération entre les deux villes.',
    ar: 'استقبل عمدة الدار البيضاء، يوم الثلاثاء، القنصل العام لكازاخستان بالدار البيضاء لبحث التعاون بين المدينتين.',
    ru: 'Мэр Касабланки принял во вторник генерального консула Казахстана в Касабланке для обсуждения сотрудничества между двумя городами.',
  };
  for (const [lang, text] of Object.entries(CONSUL)) {
    it(`${lang}: one courtesy visit`, () => {
      expect(mains(run(text, lang, '2025-03-05')).map((e) => e.type)).toEqual(['courtesy_visit']);
    });
  }
});

describe('an ambassador no country is told of carries a title: the talks he reports are no courtesy visit', () => {
  const TITLE: Record<string, string> = {
    en: 'The official spokesman for the Foreign Ministry, Ambassador Karim Alaoui, said that Nasser Bourita and Murat Nurtleu held talks in Rabat on Monday.',
    fr: "Le porte-parole du ministère, l'ambassadeur Karim Alaoui, a indiqué que Nasser Bourita et Murat Nurtleu ont eu des entretiens lundi à Rabat.",
    ar: 'وقال المتحدث الرسمي باسم وزارة الخارجية، السفير كريم العلوي، إن ناصر بوريطة ومراد نورتليو أجريا مباحثات يوم الاثنين بالرباط.',
    ru: 'Официальный представитель министерства посол Карим Алауи сообщил, что Насер Бурита и Мурат Нуртлеу провели в понедельник в Рабате переговоры.',
  };
  for (const [lang, text] of Object.entries(TITLE)) {
    it(`${lang}: a meeting of the two ministers`, () => {
      const [meeting] = mains(run(text, lang, '2025-02-25'));
      expect(meeting?.type).toBe('bilateral_meeting');
    });
  }
});

describe('4. what talks were held to discuss is their topic, however far from the meeting word', () => {
  const TO_DISCUSS: Record<string, string> = {
    en: "Foreign Minister Nasser Bourita met with Kazakh Ambassador Saulekul Sailaukyzy in Rabat on Monday to discuss a Kazakh delegation's participation in the Africa Investment Forum.",
    fr: "Le ministre des Affaires étrangères Nasser Bourita a reçu lundi à Rabat l'ambassadrice du Kazakhstan Saulekul Sailaukyzy pour examiner la participation d'une délégation kazakhe au Forum africain de l'investissement.",
    ru: 'Министр иностранных дел Марокко Насер Бурита принял в понедельник в Рабате посла Казахстана Саулекуль Сайлаукызы для обсуждения участия казахстанской делегации в Африканском инвестиционном форуме.',
    ar: 'استقبل وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين بالرباط، سفيرة كازاخستان سولكول سايلاوكيزي لبحث مشاركة وفد كازاخستاني في المنتدى الإفريقي للاستثمار.',
  };
  for (const [lang, text] of Object.entries(TO_DISCUSS)) {
    it(`${lang}: the courtesy visit alone`, () => {
      expect(mains(run(text, lang, '2025-02-25')).map((e) => e.type)).toEqual(['courtesy_visit']);
    });
  }
});

describe('5. plans a diplomat comments on are plans', () => {
  const PLANS: Record<string, string> = {
    ru: 'Также посол прокомментировала планы министра иностранных дел Марокко Насера Буриты прилететь в Астану для участия в переговорах с казахстанским коллегой Муратом Нуртлеу. Как сказала посол Казахстана Саулекуль Сайлаукызы, одной из основных тем беседы станет транспорт.',
    en: "The ambassador also commented on the foreign minister's plans to fly to Astana for talks with his Kazakh counterpart Murat Nurtleu, Morocco's Nasser Bourita said.",
  };
  for (const [lang, text] of Object.entries(PLANS)) {
    it(`${lang}: no meeting`, () => {
      expect(mains(run(text, lang, '2025-09-16')).filter((e) => e.type.endsWith('meeting'))).toEqual([]);
    });
  }
});

describe('4. a known person written otherwise in Arabic is still that person', () => {
  it('ar: ق for ك in every word of a full name ("قاسم جومارت توقايف")', () => {
    const text =
      'أجرى رئيس مجلس النواب راشيد الطالبي العلمي، اليوم بالرباط، مباحثات مع السيد قاسم جومارت توقايف رئيس مجلس الشيوخ الكازاخستاني.';
    // Undated: every past chairman of the Senate holds the office the phrase names.
    const [meeting] = mains(run(text, 'ar', null));
    expect(ids(meeting)).toEqual(['kz.tokayev', 'ma.talbi-alami']);
  });
  it('ar: a name spelt otherwise right after an office, with no comma to end it', () => {
    const text =
      'استقبل وزير الشؤون الخارجية ناصر بوريطة، اليوم بالرباط، السفيرة سوليكول سيلوكيزي التي سلمته رسالة من نظيره الكازاخستاني.';
    const [visit] = mains(run(text, 'ar', '2025-02-25'));
    expect(ids(visit)).toEqual(['kz.sailaukyzy', 'ma.bourita']);
  });
  it('ar: the verb read with the name before an office ("أثنت سوليكول سيلوكيزي، سفيرة كازاخستان")', () => {
    const text =
      'وخلال لقاء بالرباط مع وزير الشؤون الخارجية ناصر بوريطة، أثنت سوليكول سيلوكيزي، سفيرة كازاخستان بالمغرب، على متانة العلاقات بين البلدين.';
    const [meeting] = mains(run(text, 'ar', '2025-02-25'));
    expect(ids(meeting)).toEqual(['kz.sailaukyzy', 'ma.bourita']);
  });
});

describe('a cooperation programme signed is a signing; "programme" is no plan', () => {
  const PROGRAMME: Record<string, string> = {
    fr: 'Le ministre marocain de la Culture et la ministre kazakhe de la Culture ont signé mercredi à Rabat un programme exécutif de coopération culturelle pour la période 2025-2027.',
    en: 'The Moroccan Minister of Culture and the Kazakh Minister of Culture signed an executive programme of cultural cooperation for 2025-2027 in Rabat on Wednesday.',
    ru: 'Министр культуры Марокко и министр культуры Казахстана подписали в среду в Рабате программу сотрудничества в области культуры на 2025-2027 годы.',
    ar: 'وقع وزير الثقافة المغربي ووزيرة الثقافة الكازاخستانية، يوم الأربعاء بالرباط، البرنامج التنفيذي للتعاون الثقافي برسم الفترة 2025-2027.',
  };
  for (const [lang, text] of Object.entries(PROGRAMME)) {
    it(`${lang}: an agreement signing on Wednesday`, () => {
      const signing = mains(run(text, lang, '2025-05-29')).find((e) => e.type === 'agreement_signing');
      expect(signing?.date?.value).toBe('2025-05-28');
    });
  }
});

describe('5. an order to sign is a plan, not a signing', () => {
  const ORDERED: Record<string, string> = {
    en: 'President Kassym-Jomart Tokayev instructed to sign an agreement with Morocco on visa exemption at the highest level.',
    fr: "Le président Kassym-Jomart Tokaïev a ordonné la signature d'un accord avec le Maroc sur l'exemption de visas.",
    ru: 'Президент Касым-Жомарт Токаев поручил подписать соглашение с Марокко о взаимном освобождении от визовых требований.',
    ar: 'أوعز الرئيس قاسم جومارت توكاييف بتوقيع اتفاقية مع المغرب بشأن الإعفاء من التأشيرة على أعلى المستويات.',
  };
  for (const [lang, text] of Object.entries(ORDERED)) {
    it(`${lang}: no signing`, () => {
      expect(mains(run(text, lang, '2024-07-01')).filter((e) => e.type === 'agreement_signing')).toEqual([]);
    });
  }
});

describe('2. a joint body of the two meeting is a meeting of the two', () => {
  const JOINT: Record<string, string> = {
    en: 'The first session of the Kazakh-Moroccan intergovernmental commission was held in Astana on Tuesday.',
    fr: "La première session de la commission mixte maroco-kazakhe s'est tenue mardi à Astana.",
    ru: 'Во вторник в Астане состоялось первое заседание казахстанско-марокканской межправительственной комиссии.',
    ar: 'انعقدت يوم الثلاثاء بأستانا الدورة الأولى للجنة الحكومية المشتركة المغربية الكازاخستانية.',
  };
  for (const [lang, text] of Object.entries(JOINT)) {
    it(`${lang}: a meeting on Tuesday`, () => {
      const [meeting] = mains(run(text, lang, '2025-11-06'));
      expect(meeting?.type).toBe('bilateral_meeting');
      expect(meeting?.date?.value).toBe('2025-11-04');
    });
  }
});

describe('5. a visit someone of the news recalls in their own words is background: the talks go on after it', () => {
  const RECALLED: Record<string, string> = {
    en: "Moroccan Foreign Minister Nasser Bourita held a telephone conversation yesterday with Kazakh Foreign Minister Murat Nurtleu. Bourita praised the level of relations, recalling the official visit Nurtleu paid to Morocco in February 2025. For his part, Nurtleu reaffirmed Kazakhstan's support for Morocco's territorial integrity and the autonomy plan.",
    fr: "Le ministre des Affaires étrangères Nasser Bourita a eu hier un entretien téléphonique avec son homologue kazakh Murat Nurtleu. M. Bourita a salué le niveau des relations, rappelant la visite officielle effectuée par M. Nurtleu au Maroc en février 2025. De son côté, M. Nurtleu a réitéré le soutien du Kazakhstan à l'intégrité territoriale du Maroc et au plan d'autonomie.",
    ru: 'Министр иностранных дел Марокко Насер Бурита вчера провел телефонный разговор с министром иностранных дел Казахстана Муратом Нуртлеу. Бурита высоко оценил уровень отношений, напомнив об официальном визите Нуртлеу в Марокко в феврале 2025 года. В свою очередь, Нуртлеу подтвердил поддержку Казахстаном территориальной целостности Марокко и плана автономии.',
    ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة، أمس، اتصالا هاتفيا مع وزير خارجية كازاخستان مراد نورتليو. وأشاد بوريطة بمستوى العلاقات بين البلدين، مستحضرا الزيارة الرسمية التي قام بها نورتليو إلى المغرب في فبراير 2025. من جهته، جدد نورتليو دعم كازاخستان للوحدة الترابية للمملكة ولمبادرة الحكم الذاتي.',
  };
  for (const [lang, text] of Object.entries(RECALLED)) {
    it(`${lang}: the position is the news's, on the call's day`, () => {
      const statement = mains(run(text, lang, '2026-02-18')).find((e) => e.type === 'policy_statement');
      expect(statement?.date?.value).toBe('2026-02-17');
      expect(ids(statement)).toEqual(['kz.nurtleu']);
    });
  }
});

describe('a similar message sent the same day by someone else is a message of its own', () => {
  const SIMILAR: Record<string, string> = {
    en: 'President Kassym-Jomart Tokayev sent a condolence cable to King Mohammed VI on Monday. The same day, Senate Chairman Maulen Ashimbayev sent a similar message to the Speaker of the House of Councillors, Mohamed Ould Errachid.',
    fr: 'Le président Kassym-Jomart Tokaïev a adressé lundi un message de condoléances au roi Mohammed VI. Le même jour, le président du Sénat, Maulen Ashimbayev, a adressé un message similaire au président de la Chambre des conseillers, Mohamed Ould Errachid.',
    ru: 'Президент Касым-Жомарт Токаев в понедельник направил телеграмму соболезнования королю Мухаммеду VI. В тот же день председатель Сената Маулен Ашимбаев направил аналогичную телеграмму председателю Палаты советников Мохамеду Ульд Эррашиду.',
    ar: 'بعث الرئيس قاسم جومارت توكاييف، يوم الاثنين، برقية تعزية إلى جلالة الملك محمد السادس. وفي اليوم نفسه، بعث رئيس مجلس الشيوخ، ماولين أشيمباييف، برقية مماثلة إلى رئيس مجلس المستشارين، محمد ولد الرشيد.',
  };
  for (const [lang, text] of Object.entries(SIMILAR)) {
    it(`${lang}: two messages, each with its sender and addressee`, () => {
      const messages = mains(run(text, lang, '2025-12-16')).filter((e) => e.type === 'other');
      expect(messages.map(ids)).toEqual([
        ['kz.tokayev', 'ma.mohammed-vi'],
        ['kz.ashimbayev', 'ma.ould-errachid'],
      ]);
    });
  }
});

describe('3. "the same day" is the day of the news told before, not of a background date after it', () => {
  const SAME_DAY: Record<string, string> = {
    en: 'President Kassym-Jomart Tokayev sent a condolence cable to King Mohammed VI yesterday, Saturday, after the earthquake that struck the Al Haouz province on Friday night. The same day, Prime Minister Alikhan Smailov sent a condolence cable to Head of Government Aziz Akhannouch.',
    fr: "Le président Kassym-Jomart Tokaïev a adressé hier, samedi, un message de condoléances au roi Mohammed VI, après le séisme qui a frappé la province d'Al Haouz vendredi soir. Le même jour, le Premier ministre Alikhan Smaïlov a adressé un message de condoléances au chef du gouvernement Aziz Akhannouch.",
    ar: 'بعث الرئيس قاسم جومارت توكاييف، أمس السبت، برقية تعزية إلى جلالة الملك محمد السادس إثر الزلزال الذي ضرب إقليم الحوز ليلة الجمعة. كما بعث الوزير الأول عليخان سمايلوف، في اليوم ذاته، برقية تعزية إلى رئيس الحكومة عزيز أخنوش.',
  };
  for (const [lang, text] of Object.entries(SAME_DAY)) {
    it(`${lang}: both cables on Saturday`, () => {
      const cables = mains(run(text, lang, '2023-09-10')).filter((e) => e.type === 'other');
      expect(cables.map((e) => e.date?.value)).toEqual(['2023-09-09', '2023-09-09']);
    });
  }
});

describe('2. a visit told in the headline alone, or undated before the talks, is news beside them', () => {
  const HEADLINE: Record<string, string> = {
    en: "President Tokayev receives Morocco's foreign minister at the start of his visit to Kazakhstan\n\nPresident Kassym-Jomart Tokayev met Moroccan Foreign Minister Nasser Bourita in Astana on Monday. Later the same day, Bourita held talks with his counterpart Murat Nurtleu.",
    fr: "Le président Tokaïev reçoit le ministre marocain des Affaires étrangères au début de sa visite au Kazakhstan\n\nLe président Kassym-Jomart Tokaïev a reçu lundi à Astana le ministre des Affaires étrangères Nasser Bourita. Plus tard dans la journée, M. Bourita s'est entretenu avec son homologue Murat Nurtleu.",
    ar: 'الرئيس توكاييف يستقبل وزير الخارجية المغربي في مستهل زيارته لكازاخستان\n\nاستقبل الرئيس قاسم جومارت توكاييف، يوم الاثنين بأستانا، وزير الشؤون الخارجية ناصر بوريطة. وفي وقت لاحق من اليوم نفسه، أجرى بوريطة مباحثات مع نظيره مراد نورتليو.',
    ru: 'Президент Токаев принял министра иностранных дел Марокко в начале его визита в Казахстан\n\nПрезидент Касым-Жомарт Токаев в понедельник принял в Астане министра иностранных дел Марокко Насера Буриту. Позднее в тот же день Бурита провел переговоры со своим коллегой Муратом Нуртлеу.',
  };
  for (const [lang, text] of Object.entries(HEADLINE)) {
    it(`${lang}: the headline's visit, and the body's two meetings`, () => {
      const news = mains(run(text, lang, '2025-03-04'));
      const visit = news.find((e) => e.type === 'official_visit');
      expect(visit?.location?.country).toBe('KZ');
      expect(ids(visit)).toContain('ma.bourita');
      const meetings = news.filter((e) => e.type === 'bilateral_meeting');
      expect(meetings.map(ids)).toEqual([
        ['kz.tokayev', 'ma.bourita'],
        ['kz.nurtleu', 'ma.bourita'],
      ]);
    });
  }

  const UNDATED_VISIT: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita is in Kazakhstan on an official visit. On Monday in Astana, he held talks with his counterpart Murat Nurtleu.',
    fr: "Le ministre des Affaires étrangères Nasser Bourita effectue une visite officielle au Kazakhstan. Lundi à Astana, il s'est entretenu avec son homologue Murat Nurtleu.",
    ar: 'يقوم وزير الشؤون الخارجية ناصر بوريطة بزيارة رسمية إلى كازاخستان. وأجرى يوم الاثنين بأستانا مباحثات مع نظيره الكازاخستاني مراد نورتليو.',
    ru: 'Министр иностранных дел Марокко Насер Бурита находится в Казахстане с официальным визитом. В понедельник в Астане он провел переговоры со своим казахстанским коллегой Муратом Нуртлеу.',
  };
  for (const [lang, text] of Object.entries(UNDATED_VISIT)) {
    it(`${lang}: the talks date the visit and are an event of their own`, () => {
      const news = mains(run(text, lang, '2025-03-04'));
      expect(news.find((e) => e.type === 'official_visit')?.date?.value).toBe('2025-03-03');
      const talks = news.find((e) => e.type === 'bilateral_meeting');
      expect(talks?.date?.value).toBe('2025-03-03');
      expect(ids(talks)).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
  }
});

describe("an office praising the other side's efforts: the demonym is the efforts', the office the other side's", () => {
  const PRAISE: Record<string, string> = {
    en: "The head of government praised Kazakhstan's efforts to supply wheat to Morocco.",
    fr: 'Le chef du gouvernement a salué les efforts kazakhs pour approvisionner le Maroc en blé.',
    ar: 'وأشاد رئيس الحكومة بالجهود الكازاخستانية لتزويد المغرب بالقمح.',
    ru: 'Глава правительства высоко оценил усилия Казахстана по поставкам пшеницы в Марокко.',
  };
  for (const [lang, text] of Object.entries(PRAISE)) {
    it(`${lang}: Morocco's head of government states a position`, () => {
      const [statement, ...rest] = mains(run(text, lang, '2025-03-04'));
      expect(rest).toEqual([]);
      expect(statement?.type).toBe('policy_statement');
      expect(ids(statement)).toEqual(['ma.akhannouch']);
    });
  }
});

describe("an office's phrase ends at a word of speech or support: a country after it is not the office's", () => {
  const SUPPORT: Record<string, string> = {
    en: 'The Moroccan Foreign Minister expressed his support for the Kazakh candidacy for the UN Security Council.',
    fr: 'Le ministre marocain des Affaires étrangères a exprimé son soutien à la candidature kazakhe au Conseil de sécurité.',
    ar: 'وأعرب وزير الخارجية المغربي عن دعمه للترشيح الكازاخستاني لعضوية مجلس الأمن.',
    ru: 'Министр иностранных дел Марокко выразил поддержку казахстанской кандидатуре в Совет Безопасности ООН.',
  };
  for (const [lang, text] of Object.entries(SUPPORT)) {
    it(`${lang}: Morocco's foreign minister states the position`, () => {
      const [statement, ...rest] = mains(run(text, lang, '2025-03-04'));
      expect(rest).toEqual([]);
      expect(statement?.type).toBe('policy_statement');
      expect(ids(statement)).toEqual(['ma.bourita']);
    });
  }
});

describe('what one side is ready or wishes to sign is a plan, not a signing', () => {
  const READY: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita received on Monday in Rabat the Ambassador of Kazakhstan, Saulekul Sailaukyzy. Bourita expressed his readiness to sign new agreements with Kazakhstan in trade and tourism.',
    fr: "Le ministre des Affaires étrangères Nasser Bourita a reçu lundi à Rabat l'ambassadrice du Kazakhstan, Saulekul Sailaukyzy. M. Bourita s'est dit disposé à signer de nouveaux accords avec le Kazakhstan dans le commerce et le tourisme.",
    ar: 'استقبل وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين بالرباط، سفيرة كازاخستان سولكول سايلاوكيزي. وأكد بوريطة استعداده لتوقيع اتفاقيات جديدة مع كازاخستان في مجالي التجارة والسياحة.',
    ru: 'Министр иностранных дел Марокко Насер Бурита принял в понедельник в Рабате посла Казахстана Саулекуль Сайлаукызы. Бурита выразил готовность подписать новые соглашения с Казахстаном в сфере торговли и туризма.',
  };
  for (const [lang, text] of Object.entries(READY)) {
    it(`${lang}: the call is the news, and no agreement is signed`, () => {
      const types = mains(run(text, lang, '2025-03-04')).map((e) => e.type);
      expect(types[0]).toBe('courtesy_visit');
      expect(types).not.toContain('agreement_signing');
    });
  }
});

describe('ar: a verb of talks, its subject, then "with" someone: talks between them', () => {
  const TALKS: [string, string, string[]][] = [
    [
      'بحث وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين بالرباط، مع سفيرة كازاخستان سولكول سايلاوكيزي سبل تعزيز التعاون الثنائي.',
      'courtesy_visit',
      ['kz.sailaukyzy', 'ma.bourita'],
    ],
    [
      'وناقش رئيس مجلس المستشارين محمد ولد الرشيد، يوم الاثنين بالرباط، مع رئيس مجلس الشيوخ الكازاخستاني ماولين أشيمباييف آفاق التعاون البرلماني.',
      'parliamentary_meeting',
      ['kz.ashimbayev', 'ma.ould-errachid'],
    ],
  ];
  for (const [text, type, people] of TALKS)
    it(`${type}: on Monday, between the two`, () => {
      const [talks, ...rest] = mains(run(text, 'ar', '2025-03-04'));
      expect(rest).toEqual([]);
      expect(talks?.type).toBe(type);
      expect(talks?.date?.value).toBe('2025-03-03');
      expect(ids(talks)).toEqual(people);
    });
  it('not "discussed ways of cooperation" with no one named after "with"', () => {
    const text = 'بحث وزير الشؤون الخارجية ناصر بوريطة سبل التعاون مع كازاخستان في مجال الطاقة.';
    expect(mains(run(text, 'ar', '2025-03-04')).map((e) => e.type)).not.toContain('bilateral_meeting');
  });
});

describe('3. an undated first line is the news; what the body dates days before the article is older', () => {
  const OLDER: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu arrived in Rabat on an official visit. On 8 September, Nurtleu held a telephone conversation with Moroccan Foreign Minister Nasser Bourita.',
    fr: 'Le ministre kazakh des Affaires étrangères Murat Nurtleu est arrivé à Rabat pour une visite officielle. Le 8 septembre, M. Nurtleu a eu un entretien téléphonique avec le ministre des Affaires étrangères Nasser Bourita.',
    // A sentence that opens with its day: the segmenter does not break before a digit.
    ru: 'Министр иностранных дел Казахстана Мурат Нуртлеу прибыл в Рабат с официальным визитом. 8 сентября Нуртлеу провел телефонный разговор с министром иностранных дел Марокко Насером Буритой.',
    ar: 'حل وزير خارجية كازاخستان مراد نورتليو بالرباط في زيارة رسمية. وفي 8 شتنبر، أجرى نورتليو اتصالا هاتفيا مع وزير الشؤون الخارجية ناصر بوريطة.',
  };
  for (const [lang, text] of Object.entries(OLDER)) {
    it(`${lang}: the visit is the news, in the article's month; the call of 8 September is referred`, () => {
      const events = run(text, lang, '2024-09-14');
      const [visit, ...rest] = mains(events);
      expect(rest).toEqual([]);
      expect(visit?.type).toBe('official_visit');
      expect(visit?.date).toMatchObject({ value: '2024-09', precision: 'month' });
      const call = events.find((e) => e.type === 'phone_call');
      expect(call).toMatchObject({ main: false, date: { value: '2024-09-08' } });
    });
  }
});

describe('plans and groups written as outlets write them', () => {
  it('fr: "en prévision d’une visite" is a plan, its elided "de" read as "de"', () => {
    const text =
      'En prévision d’une visite du président Kassym-Jomart Tokaïev au Maroc, un quotidien marocain a publié lundi un dossier sur le Kazakhstan.';
    expect(mains(run(text, 'fr', '2025-03-04')).map((e) => e.type)).not.toContain('official_visit');
  });
  it('fr: "ce sera" tells what is still to come', () => {
    const text =
      'Selon le quotidien, ce sera la troisième rencontre du roi Mohammed VI avec le président Kassym-Jomart Tokaïev.';
    expect(mains(run(text, 'fr', '2025-03-04'))).toEqual([]);
  });
  const GROUP: Record<string, string> = {
    en: "Moroccan Foreign Minister Nasser Bourita opened the two-day meeting of the Arab League foreign ministers in Rabat, which the foreign ministers of Kazakhstan's neighbours attended as observers.",
    fr: 'Le ministre des Affaires étrangères Nasser Bourita a ouvert à Rabat la réunion des ministres des Affaires étrangères kazakhs et de leurs voisins.',
  };
  for (const [lang, text] of Object.entries(GROUP))
    it(`${lang}: ministers in the plural are a group, not one minister met`, () => {
      const meetings = mains(run(text, lang, '2025-03-04')).filter((e) => e.type === 'bilateral_meeting');
      for (const m of meetings) expect(ids(m).some((id) => id.startsWith('kz.'))).toBe(false);
    });
});

describe('a message handed over at talks is part of them', () => {
  const HANDED: Record<string, string> = {
    en: 'Foreign Minister Nasser Bourita handed over a written message from King Mohammed VI to President Kassym-Jomart Tokayev during the talks he held on Monday in Astana with Kazakh Foreign Minister Murat Nurtleu.',
    fr: "Le ministre des Affaires étrangères Nasser Bourita a remis un message écrit du roi Mohammed VI au président Kassym-Jomart Tokaïev, lors des entretiens qu'il a eus lundi à Astana avec son homologue kazakh Murat Nurtleu.",
    ar: 'وسلم وزير الشؤون الخارجية ناصر بوريطة رسالة خطية من جلالة الملك محمد السادس إلى الرئيس قاسم جومارت توكاييف، خلال المباحثات التي أجراها يوم الاثنين بأستانا مع وزير خارجية كازاخستان مراد نورتليو.',
    ru: 'Министр иностранных дел Марокко Насер Бурита передал послание короля Мухаммеда VI президенту Касым-Жомарту Токаеву в ходе переговоров, которые он провел в понедельник в Астане с министром иностранных дел Казахстана Муратом Нуртлеу.',
  };
  for (const [lang, text] of Object.entries(HANDED))
    it(`${lang}: one meeting, no message of its own`, () => {
      const news = mains(run(text, lang, '2025-03-04'));
      expect(news.map((e) => e.type)).toEqual(['bilateral_meeting']);
      expect(ids(news[0])).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
});

describe('a recent visit named at talks is past, and the talks are the news', () => {
  const RECENT: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita received on Monday in Rabat the Ambassador of Kazakhstan, Saulekul Sailaukyzy, to discuss the follow-up of the recent visit of a Kazakh business delegation to Morocco.',
    fr: "Le ministre des Affaires étrangères Nasser Bourita a reçu lundi à Rabat l'ambassadrice du Kazakhstan, Saulekul Sailaukyzy, pour examiner le suivi de la récente visite d'une délégation d'affaires kazakhe au Maroc.",
    ru: 'Министр иностранных дел Марокко Насер Бурита принял в понедельник в Рабате посла Казахстана Саулекуль Сайлаукызы для обсуждения итогов недавнего визита казахстанской деловой делегации в Марокко.',
    ar: 'استقبل وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين بالرباط، سفيرة كازاخستان سولكول سايلاوكيزي، لبحث متابعة نتائج الزيارة الأخيرة لوفد رجال الأعمال الكازاخستاني إلى المغرب.',
  };
  for (const [lang, text] of Object.entries(RECENT))
    it(`${lang}: the ambassador's call on Monday is the one news`, () => {
      const news = mains(run(text, lang, '2025-03-04'));
      expect(news.map((e) => e.type)).toEqual(['courtesy_visit']);
      expect(news[0]?.date?.value).toBe('2025-03-03');
    });
});

describe('a recent visit praised is a past visit, not a call on the one who praises it', () => {
  const PRAISED: Record<string, string> = {
    en: 'Kazakh Ambassador Saulekul Sailaukyzy praised on Monday the recent visit of Foreign Minister Nasser Bourita to Astana, saying it opened a new stage in relations.',
    fr: "L'ambassadrice du Kazakhstan Saulekul Sailaukyzy a salué lundi la récente visite du ministre des Affaires étrangères Nasser Bourita à Astana, qui a ouvert une nouvelle étape.",
    ru: 'Посол Казахстана Саулекуль Сайлаукызы в понедельник высоко оценила недавний визит министра иностранных дел Марокко Насера Буриты в Астану.',
    ar: 'أشادت سفيرة كازاخستان سولكول سايلاوكيزي، يوم الاثنين، بالزيارة الأخيرة لوزير الشؤون الخارجية ناصر بوريطة إلى أستانا.',
  };
  for (const [lang, text] of Object.entries(PRAISED))
    it(`${lang}: no visit is news`, () => {
      const types = mains(run(text, lang, '2025-03-04')).map((e) => e.type);
      expect(types).not.toContain('courtesy_visit');
      expect(types).not.toContain('official_visit');
    });
});

describe("a security council's secretary is an office; what a journey is made to hold is its purpose", () => {
  const TRIP: Record<string, string> = {
    en: 'Kazakh Security Council Secretary Gizat Nurdauletov travelled to Morocco on Tuesday to hold security consultations.',
    fr: "Le secrétaire du Conseil de sécurité kazakh Gizat Nourdauletov s'est rendu mardi au Maroc pour mener des consultations sécuritaires.",
    ru: 'Секретарь Совета безопасности Казахстана Гизат Нурдаулетов во вторник отправился в Марокко для проведения консультаций по вопросам безопасности.',
    ar: 'وأفاد بيان بأن أمين مجلس الأمن الكازاخستاني غيزات نورداوليتوف توجه إلى المغرب يوم الثلاثاء لإجراء مشاورات أمنية.',
  };
  for (const [lang, text] of Object.entries(TRIP))
    it(`${lang}: a visit to Morocco by a Kazakh official, no talks told yet`, () => {
      const news = mains(run(text, lang, '2025-03-05'));
      expect(news.map((e) => e.type)).toEqual(['official_visit']);
      expect(news[0]?.location?.country).toBe('MA');
    });
});

describe('a trade word beside a price names the price, not a shipment', () => {
  const PRICES: Record<string, string> = {
    en: 'Analysts said on Monday that Kazakh wheat export prices to Morocco fell last week.',
    fr: "Les prix à l'exportation du blé kazakh vers le Maroc ont baissé la semaine dernière, selon des analystes.",
    ru: 'Цены экспорта казахстанской пшеницы в Марокко на прошлой неделе снизились, сообщили аналитики.',
    ar: 'قال محللون يوم الاثنين إن أسعار تصدير القمح الكازاخستاني إلى المغرب تراجعت الأسبوع الماضي.',
  };
  for (const [lang, text] of Object.entries(PRICES))
    it(`${lang}: no event`, () => {
      expect(mains(run(text, lang, '2025-03-04'))).toEqual([]);
    });
});

describe('ar: "اتصل ب" is a call', () => {
  it('a call on Monday between the two presidents', () => {
    const text =
      'وبحسب البيان، فإن الرئيس توكاييف اتصل بجلالة الملك محمد السادس، اليوم الاثنين، حيث ناقش القائدان العلاقات الثنائية.';
    const [call, ...rest] = mains(run(text, 'ar', '2025-03-03'));
    expect(rest).toEqual([]);
    expect(call).toMatchObject({ type: 'phone_call', date: { value: '2025-03-03', precision: 'day' } });
    expect(ids(call)).toEqual(['kz.tokayev', 'ma.mohammed-vi']);
  });
});

describe("a joint body's session told after talks is a meeting of its own", () => {
  const SESSION: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu held talks on Monday in Rabat with Moroccan Foreign Minister Nasser Bourita. The two ministers then chaired the fifth meeting of the joint commission on trade.',
    fr: "Le ministre des Affaires étrangères Nasser Bourita s'est entretenu lundi à Rabat avec son homologue kazakh Murat Nurtleu. Les deux ministres ont ensuite présidé la cinquième réunion de la commission mixte.",
    // Not yet read in Russian and Arabic when the session names neither side ("министры", "الوزيران"):
    // such a sentence is the talks told again.
  };
  for (const [lang, text] of Object.entries(SESSION))
    it(`${lang}: the talks and the commission's session`, () => {
      const meetings = mains(run(text, lang, '2025-03-04')).filter((e) => e.type === 'bilateral_meeting');
      expect(meetings).toHaveLength(2);
    });
  it('en: a meeting that "will" consider them is still to come', () => {
    const text =
      'Kazakh Foreign Minister Murat Nurtleu held talks on Monday in Rabat with Moroccan Foreign Minister Nasser Bourita. "These issues will be considered during another meeting of the joint commission this fall," Nurtleu said.';
    expect(mains(run(text, 'en', '2025-03-04')).filter((e) => e.type === 'bilateral_meeting')).toHaveLength(
      1,
    );
  });
});

describe('more plans, pasts and topics as outlets write them', () => {
  it('ru: what "may be signed" is a plan', () => {
    const text =
      'Министр иностранных дел Марокко Насер Бурита провел в понедельник в Рабате переговоры с министром иностранных дел Казахстана Муратом Нуртлеу. Соглашение о сотрудничестве может быть подписано на форуме в июле.';
    expect(mains(run(text, 'ru', '2025-03-04')).map((e) => e.type)).toEqual(['bilateral_meeting']);
  });
  it('fr: what the two "will continue" is a plan', () => {
    const text = 'Le Maroc et le Kazakhstan poursuivront les négociations sur un accord de libre-échange.';
    expect(mains(run(text, 'fr', '2025-03-04'))).toEqual([]);
  });
  it('ar: "the latest visit" with the visitor named between is a past visit', () => {
    const text =
      'استقبل وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين بالرباط، سفيرة كازاخستان سولكول سايلاوكيزي. وتطرق الوزير إلى زيارة الرئيس قاسم جومارت توكاييف الأخيرة إلى الرباط.';
    const news = mains(run(text, 'ar', '2025-03-04'));
    expect(news.map((e) => e.type)).toEqual(['courtesy_visit']);
  });
  it("ar: the launch of a year's events the two hold is an act between them", () => {
    const text =
      'شهدت الرباط، يوم الاثنين، إطلاق فعاليات عام التبادل الثقافي المغربي الكازاخستاني بحضور وزير الشباب والثقافة المغربي وسفيرة كازاخستان سولكول سايلاوكيزي.';
    expect(mains(run(text, 'ar', '2025-03-04')).map((e) => e.type)).toEqual(['other']);
  });
  it('en: what a delegation is sent to discuss, told before the talks, is their topic', () => {
    const text =
      "Morocco will send a technical delegation to Kazakhstan to discuss the ban on the import of Moroccan citrus, Morocco's trade minister said on Monday after talks in Rabat with Kazakh Ambassador Saulekul Sailaukyzy.";
    expect(mains(run(text, 'en', '2025-03-04')).map((e) => e.type)).toEqual(['courtesy_visit']);
  });
});

describe("a page's timestamp dates no event", () => {
  const STAMPED: Record<string, string> = {
    ar: 'كتب محمد العلوي 14 مايو 2025 4:21 م - أجرى وزير الشؤون الخارجية ناصر بوريطة بالرباط مباحثات مع وزير خارجية كازاخستان مراد نورتليو.',
    ru: '29 мая 2025, 15:37 — Министр иностранных дел Казахстана Мурат Нуртлеу провел в Рабате переговоры с министром иностранных дел Марокко Насером Буритой.',
  };
  for (const [lang, text] of Object.entries(STAMPED))
    it(`${lang}: the talks keep the article's month`, () => {
      const [talks] = mains(run(text, lang, '2025-05-29'));
      expect(talks?.type).toBe('bilateral_meeting');
      expect(talks?.date).toMatchObject({ value: '2025-05', precision: 'month' });
    });
});

describe('4. the one whose directives are applied is only named', () => {
  const DIRECTIVES: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita held a phone call on Monday with Kazakh Foreign Minister Murat Nurtleu, in line with the directives of King Mohammed VI.',
    fr: 'Le ministre des Affaires étrangères Nasser Bourita a eu lundi un entretien téléphonique avec son homologue kazakh Murat Nurtleu, en application des directives du roi Mohammed VI.',
    ru: 'Министр иностранных дел Марокко Насер Бурита провел в понедельник телефонный разговор с министром иностранных дел Казахстана Муратом Нуртлеу согласно указаниям короля Мухаммеда VI.',
  };
  for (const [lang, text] of Object.entries(DIRECTIVES))
    it(`${lang}: a call between the two ministers`, () => {
      const [call] = mains(run(text, lang, '2025-03-04'));
      expect(call?.type).toBe('phone_call');
      expect(ids(call)).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
});

describe('visits named in general are no visit', () => {
  const GENERAL: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita held a phone call on Monday with Kazakh Foreign Minister Murat Nurtleu. Bourita stressed the importance of the exchange of visits between the two countries.',
    fr: "Le ministre des Affaires étrangères Nasser Bourita a eu lundi un entretien téléphonique avec son homologue kazakh Murat Nurtleu. M. Bourita a souligné l'importance de l'échange des visites entre les deux pays.",
    ru: 'Министр иностранных дел Марокко Насер Бурита провел в понедельник телефонный разговор с министром иностранных дел Казахстана Муратом Нуртлеу. Бурита подчеркнул важность обмена визитами между двумя странами.',
    ar: 'أجرى وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين، اتصالا هاتفيا مع وزير خارجية كازاخستان مراد نورتليو. وأكد بوريطة أهمية تبادل الزيارات بين البلدين.',
  };
  for (const [lang, text] of Object.entries(GENERAL))
    it(`${lang}: the call is the one news`, () => {
      expect(mains(run(text, lang, '2025-03-04')).map((e) => e.type)).toEqual(['phone_call']);
    });
});

describe('a protocol signed, and a construction inaugurated together, are acts between the two', () => {
  const PROTOCOL: Record<string, string> = {
    en: 'Morocco and Kazakhstan signed a protocol on military cooperation on Monday in Rabat.',
    fr: 'Le Maroc et le Kazakhstan ont signé lundi à Rabat un protocole de coopération militaire.',
    ru: 'Марокко и Казахстан подписали в понедельник в Рабате протокол о военном сотрудничестве.',
    ar: 'وقع المغرب وكازاخستان، يوم الاثنين بالرباط، بروتوكولا للتعاون العسكري.',
  };
  for (const [lang, text] of Object.entries(PROTOCOL))
    it(`${lang}: a signing`, () => {
      expect(mains(run(text, lang, '2025-03-04')).map((e) => e.type)).toEqual(['agreement_signing']);
    });
  const INAUGURATED: Record<string, string> = {
    en: 'President Kassym-Jomart Tokayev and King Mohammed VI inaugurated on Tuesday by video link the construction of a fertiliser plant in Kazakhstan.',
    fr: "Le président Kassym-Jomart Tokaïev et le roi Mohammed VI ont inauguré mardi par liaison vidéo la construction d'une usine d'engrais au Kazakhstan.",
  };
  for (const [lang, text] of Object.entries(INAUGURATED))
    it(`${lang}: an act of the two heads of state`, () => {
      const [act] = mains(run(text, lang, '2025-03-05'));
      expect(act?.type).toBe('other');
      expect(ids(act)).toEqual(['kz.tokayev', 'ma.mohammed-vi']);
    });
});

describe('en: the country right before an office is its own, whatever follows the office', () => {
  it('"received the Kazakh Ambassador on Monday at her request" is a courtesy visit', () => {
    const text =
      'Moroccan Foreign Minister Nasser Bourita received the Kazakh Ambassador on Monday at her request.';
    const [call] = mains(run(text, 'en', '2025-03-04'));
    expect(call?.type).toBe('courtesy_visit');
    expect(ids(call)).toEqual(['kz.sailaukyzy', 'ma.bourita']);
  });
});

describe("one side's body opening an office in the other, and a journey told as a departure", () => {
  const OFFICE: Record<string, string> = {
    en: "Kazakhstan's KazMunayGas announced on Monday the opening of a representative office in Morocco, in Rabat.",
    fr: "La société kazakhe KazMunayGas a annoncé lundi l'ouverture d'un bureau de représentation au Maroc, à Rabat.",
    ru: 'Казахстанский Казмунайгаз в понедельник открыл представительство в Марокко, в Рабате.',
    ar: 'أعلنت شركة كازمونايغاز الكازاخستانية، يوم الاثنين، افتتاح مكتب تمثيلي لها في المغرب بالرباط.',
  };
  for (const [lang, text] of Object.entries(OFFICE))
    it(`${lang}: an act between the two, in Morocco`, () => {
      const [act] = mains(run(text, lang, '2025-03-04'));
      expect(act?.type).toBe('other');
      expect(act?.location?.country).toBe('MA');
    });
  it('ar: "غادر … متجها إلى" starts a visit', () => {
    const text =
      'غادر وزير الفلاحة محمد صديقي الرباط، يوم الاثنين، متجها إلى العاصمة الكازاخستانية أستانا، تلبية لدعوة نظيره الكازاخستاني.';
    expect(mains(run(text, 'ar', '2025-03-04')).map((e) => e.type)).toEqual(['official_visit']);
  });
});

describe('4. "and" between a name and an office: two people, and the talks they held', () => {
  // The Moroccan ambassador and a Kazakh deputy minister the knowledge base does not know, named in
  // one sentence with "and"; the next sentence tells of "the meeting".
  const TWO: Record<string, string> = {
    ru: 'Посол Марокко в Казахстане Абдельжалиль Саубри, и заместитель министра иностранных дел Казахстана Ерлан Ашимов подчеркнули высокий уровень отношений между двумя странами. В ходе встречи стороны обменялись мнениями о торговле.',
    ar: 'أكد سفير المغرب في كازاخستان عبد الجليل صبري، ونائب وزير الخارجية الكازاخستاني يرلان آشيموف، متانة العلاقات بين البلدين. وتبادل الجانبان خلال اللقاء وجهات النظر حول التجارة.',
    en: 'Moroccan Ambassador to Kazakhstan Abdeljalil Saubry, and Kazakh Deputy Foreign Minister Yerlan Ashimov, stressed the strong ties between the two countries. During the meeting, the two sides exchanged views on trade.',
  };
  for (const [lang, text] of Object.entries(TWO))
    it(`${lang}: the ambassador's call on the deputy minister`, () => {
      const [call, ...rest] = mains(run(text, lang, '2019-05-10'));
      expect(rest).toEqual([]);
      expect(call?.type).toBe('courtesy_visit');
      const people = call?.participants ?? [];
      expect(people.map((p) => p.actorId).filter((id) => !id.startsWith('unknown:'))).toEqual(['ma.saubry']);
      expect(people.filter((p) => p.actorId.startsWith('unknown:')).map((p) => p.country)).toEqual(['KZ']);
    });
});

describe("4. a name with another's first name is not that person", () => {
  // Akylbek Kamaldinov was a Kazakh deputy foreign minister; Akylbek Ospanov (invented) is another.
  const OTHER: Record<string, string> = {
    en: 'Kazakh Deputy Foreign Minister Akylbek Ospanov met Moroccan Foreign Minister Nasser Bourita in Rabat on Monday.',
    ar: 'التقى نائب وزير الخارجية الكازاخستاني أكيلبيك أوسبانوف، يوم الاثنين بالرباط، وزير الشؤون الخارجية ناصر بوريطة.',
  };
  for (const [lang, text] of Object.entries(OTHER))
    it(`${lang}: an unknown deputy minister, not kz.kamaldinov`, () => {
      const [talks] = mains(run(text, lang, '2017-05-09'));
      expect(ids(talks)).not.toContain('kz.kamaldinov');
      expect(ids(talks)).toContain('ma.bourita');
    });
  it('en: the same person spelt otherwise is still found', () => {
    const text =
      'Kazakh Deputy Foreign Minister Akylbek Kamaldinov met Moroccan Foreign Minister Nasser Bourita in Rabat on Monday.';
    expect(ids(mains(run(text, 'en', '2017-05-09'))[0])).toEqual(['kz.kamaldinov', 'ma.bourita']);
  });
});

describe('a commercial contract the two sign is an act between them, not an agreement between states', () => {
  const CONTRACT: Record<string, string> = {
    en: 'Kazakhstan and Morocco signed on Monday a contract for the supply of 200,000 tonnes of wheat.',
    fr: 'Le Kazakhstan et le Maroc ont signé lundi un contrat de fourniture de 200.000 tonnes de blé.',
    ru: 'Казахстан и Марокко в понедельник подписали контракт на поставку 200 тысяч тонн пшеницы.',
    ar: 'وقعت كازاخستان والمغرب، يوم الاثنين، عقد توريد 200 ألف طن من القمح.',
  };
  for (const [lang, text] of Object.entries(CONTRACT))
    it(`${lang}: an other on its day`, () => {
      const events = mains(run(text, lang, '2025-03-05'));
      expect(events.map((e) => e.type)).toEqual(['other']);
      expect(events[0]?.date?.value).toBe('2025-03-03');
    });
  it('ar: "عقد" that is "held" still holds a meeting', () => {
    const text =
      'عقد وزير الشؤون الخارجية ناصر بوريطة، يوم الاثنين بالرباط، اجتماعا مع وزير خارجية كازاخستان مراد نورتليو.';
    expect(mains(run(text, 'ar', '2025-03-05')).map((e) => e.type)).toEqual(['bilateral_meeting']);
  });
});

describe('5. what the two "agree to sign" is a plan, not a signing', () => {
  const AGREE: Record<string, string> = {
    en: 'Morocco and Kazakhstan agree to sign a new agreement in the health sector.',
    fr: 'Le Maroc et le Kazakhstan conviennent de signer un nouvel accord dans le secteur de la santé.',
    ru: 'Марокко и Казахстан договорились подписать новое соглашение в сфере здравоохранения.',
    ar: 'المغرب وكازاخستان يتفقان على توقيع اتفاقية جديدة في القطاع الصحي.',
  };
  for (const [lang, text] of Object.entries(AGREE))
    it(`${lang}: no signing`, () => {
      expect(mains(run(text, lang, '2025-04-10')).filter((e) => e.type === 'agreement_signing')).toEqual([]);
    });
});

describe('ru: a cargo "delivered" on a day dates the shipment the headline tells', () => {
  it('"Груз был доставлен … сегодня, 24 июня": the shipment on 24 June, in Morocco', () => {
    const text =
      'Первая партия казахстанской пшеницы прибыла в Марокко\n\nПервая партия казахстанской пшеницы прибыла в Марокко. Груз был доставлен в порт Касабланки сегодня, 24 июня, рано утром.';
    const [shipment, ...rest] = mains(run(text, 'ru', '2025-06-24'));
    expect(rest).toEqual([]);
    expect(shipment?.type).toBe('other');
    expect(shipment?.date).toEqual({ value: '2025-06-24', precision: 'day', source: 'text' });
  });
});

describe('5. an event word that opens its sentence is the subject of the plan told later in its clause', () => {
  const PLANNED: Record<string, string> = {
    en: 'A round of talks between the Moroccan and Kazakh foreign ministers is scheduled to be held in Rabat on 14 May.',
    fr: 'Une série de consultations entre les ministres marocain et kazakh des Affaires étrangères doit se tenir à Rabat le 14 mai.',
    ar: 'مباحثات وزيري خارجية المغرب وكازاخستان من المقرر أن تعقد في الرباط يوم 14 ماي.',
  };
  for (const [lang, text] of Object.entries(PLANNED))
    it(`${lang}: no event yet`, () => {
      expect(mains(run(text, lang, '2025-05-02'))).toEqual([]);
    });
  it('en: talks held, then a plan in another clause, are still talks held', () => {
    const text =
      'Talks between Moroccan Foreign Minister Nasser Bourita and Kazakh Foreign Minister Murat Nurtleu were held in Rabat on Monday, and the two ministers are scheduled to meet again in May.';
    expect(mains(run(text, 'en', '2025-03-05')).map((e) => e.type)).toEqual(['bilateral_meeting']);
  });
});

describe('5. trade that rose or fell is a figure, not a shipment', () => {
  const TREND: Record<string, string> = {
    en: 'Kazakh wheat exports to Morocco rose sharply this year.',
    fr: 'Les exportations de blé kazakh vers le Maroc ont fortement augmenté cette année.',
    ru: 'Поставки пшеницы из Казахстана в Марокко заметно увеличились.',
    ar: 'ارتفعت صادرات القمح الكازاخستاني إلى المغرب بشكل ملحوظ.',
  };
  for (const [lang, text] of Object.entries(TREND))
    it(`${lang}: no event`, () => {
      expect(mains(run(text, lang, '2025-05-02'))).toEqual([]);
    });
  it('en: a shipment with its day is a shipment, whatever rose', () => {
    const text = 'Kazakhstan shipped 60,000 tonnes of wheat to Morocco on 3 March, as its exports rose.';
    expect(mains(run(text, 'en', '2025-03-05')).map((e) => e.type)).toEqual(['other']);
  });
});

describe('4. "his counterpart" named right after is that person, of whatever country', () => {
  const THIRD: Record<string, string> = {
    ar: 'استقبل وزير الشؤون الخارجية ناصر بوريطة، يوم الثلاثاء بالرباط، نظيره وزير خارجية اليونان نيكوس ديندياس، وبحثا العلاقات بين البلدين.',
    en: 'Moroccan Foreign Minister Nasser Bourita received on Tuesday in Rabat his counterpart, Greek Foreign Minister Nikos Dendias, and they discussed bilateral ties.',
  };
  for (const [lang, text] of Object.entries(THIRD))
    it(`${lang}: a meeting with the Greek minister is no event between Morocco and Kazakhstan`, () => {
      expect(mains(run(text, lang, '2025-03-05'))).toEqual([]);
    });
  const TOPIC: Record<string, string> = {
    ar: 'استقبل وزير الشؤون الخارجية ناصر بوريطة، يوم الثلاثاء بالرباط، نظيره اليوناني نيكوس ديندياس، وبحثا العلاقات بين البلدين وتداعيات الأزمة في كازاخستان.',
    en: 'Moroccan Foreign Minister Nasser Bourita received on Tuesday in Rabat Greek Foreign Minister Nikos Dendias, and they discussed ties and the crisis in Kazakhstan.',
  };
  for (const [lang, text] of Object.entries(TOPIC))
    it(`${lang}: the other side only as what they discussed makes no event between the two`, () => {
      expect(mains(run(text, lang, '2025-03-05'))).toEqual([]);
    });
  it('ar: "نظيره الكازاخستاني مراد نورتليو" is the Kazakh minister', () => {
    const text =
      'استقبل وزير الشؤون الخارجية ناصر بوريطة، يوم الثلاثاء بالرباط، نظيره الكازاخستاني مراد نورتليو.';
    expect(ids(mains(run(text, 'ar', '2025-03-05'))[0])).toEqual(['kz.nurtleu', 'ma.bourita']);
  });
});

describe('3. what "recent years" saw is background, never the news', () => {
  const YEARS: Record<string, string> = {
    en: 'In recent years, Morocco and Kazakhstan signed several agreements on trade and transport.',
    fr: 'Ces dernières années, le Maroc et le Kazakhstan ont signé plusieurs accords sur le commerce.',
    ru: 'В последние годы Марокко и Казахстан подписали ряд соглашений о торговле.',
    ar: 'وقد شهدت السنوات الأخيرة توقيع العديد من الاتفاقيات بين المغرب وكازاخستان.',
  };
  for (const [lang, text] of Object.entries(YEARS))
    it(`${lang}: no main event`, () => {
      expect(mains(run(text, lang, '2025-03-05'))).toEqual([]);
    });
});

describe('a leader named inside the praised position is praised, not the one who praises', () => {
  const PRAISE: Record<string, string> = {
    ru: 'По словам министра, казахстанская сторона высоко оценила позицию Марокко и короля Мухаммеда VI по поддержке Казахстана.',
    en: 'Kazakh Foreign Minister Murat Nurtleu praised the position of Morocco and of King Mohammed VI on regional security.',
    ar: 'وثمن وزير الخارجية الكازاخستاني مراد نورتليو موقف المغرب والملك محمد السادس من قضايا الأمن الإقليمي.',
  };
  for (const [lang, text] of Object.entries(PRAISE))
    it(`${lang}: a position of Kazakhstan on Morocco`, () => {
      expect(mains(run(text, lang, '2025-03-05')).map((e) => e.type)).toEqual(['policy_statement']);
    });
});

describe('someone named by an epithet ("the diplomat") is who the sentence before named', () => {
  const EPITHET: Record<string, string> = {
    fr: "Le Kazakhstan considère le Maroc comme un partenaire clé, a souligné jeudi à Casablanca l'Ambassadrice du Kazakhstan au Maroc, Saulekul Sailaukyzy. S'exprimant lors d'une table ronde sur l'investissement, la diplomate a évoqué le commerce entre les deux pays.",
    en: 'Kazakhstan sees Morocco as a key partner, Kazakh Ambassador to Morocco Saulekul Sailaukyzy said on Thursday in Casablanca. Speaking at a round table on investment, the diplomat discussed trade between the two countries.',
  };
  for (const [lang, text] of Object.entries(EPITHET))
    it(`${lang}: the ambassador at the round table`, () => {
      const roundTable = mains(run(text, lang, '2021-12-10')).find((e) => e.type === 'other');
      expect(ids(roundTable)).toEqual(['kz.sailaukyzy']);
    });
});

describe('4. "X and his counterpart": the counterpart word starts another person', () => {
  const PAIR: Record<string, string> = {
    fr: 'Une rencontre a réuni lundi à Rabat le ministre kazakh des Affaires étrangères et son homologue marocain.',
    en: 'A meeting brought together on Monday in Rabat the Kazakh Minister of Foreign Affairs and his Moroccan counterpart.',
  };
  for (const [lang, text] of Object.entries(PAIR))
    it(`${lang}: both ministers`, () => {
      expect(ids(mains(run(text, lang, '2024-02-14'))[0])).toEqual(['kz.nurtleu', 'ma.bourita']);
    });
});

describe('2. a journey told by the flight or the departure starts a visit', () => {
  const JOURNEY: Record<string, string> = {
    en: 'Kazakh Foreign Minister Murat Nurtleu left Astana on Sunday heading to Morocco to discuss trade.',
    fr: "Le ministre kazakh des Affaires étrangères Murat Nurtleu s'est envolé dimanche pour Rabat pour discuter du commerce.",
  };
  for (const [lang, text] of Object.entries(JOURNEY))
    it(`${lang}: a visit to Morocco`, () => {
      const [visit] = mains(run(text, lang, '2024-02-12'));
      expect(visit?.type).toBe('official_visit');
      expect(visit?.location?.country).toBe('MA');
    });
});

describe('"earlier in the day" with a day written beside it is that day', () => {
  it('fr: "a rencontré plus tôt dans la journée jeudi" is Thursday, not the arrival on Wednesday', () => {
    const text =
      'Le ministre kazakh des Affaires étrangères Murat Nurtleu est arrivé mercredi au Maroc. Il a rencontré plus tôt dans la journée jeudi son homologue marocain Nasser Bourita à Rabat.';
    const meeting = mains(run(text, 'fr', '2024-02-15')).find((e) => e.type === 'bilateral_meeting');
    expect(meeting?.date?.value).toBe('2024-02-15');
  });
});

describe('fr: wheat "livrées" (delivered, feminine plural) is a shipment', () => {
  it('a shipment at Casablanca', () => {
    const text = 'Environ 60.000 tonnes de blé kazakh ont été livrées lundi au port marocain de Casablanca.';
    const [shipment] = mains(run(text, 'fr', '2025-03-05'));
    expect(shipment?.type).toBe('other');
    expect(shipment?.location?.name).toBe('Casablanca');
  });
});

describe("a visit to a project's site is no visit between the two; its first concrete is an act", () => {
  const SITE: Record<string, string> = {
    en: "A Kazakh delegation led by the head of KazMunayGas and Morocco's energy minister visited on Monday the construction site of the refinery in Mohammedia.",
    ar: 'قام وزير الطاقة المغربي وسفيرة كازاخستان، يوم الاثنين، بزيارة موقع إنشاء مصنع الأسمدة بالجرف الأصفر.',
  };
  for (const [lang, text] of Object.entries(SITE))
    it(`${lang}: no official visit`, () => {
      expect(mains(run(text, lang, '2025-03-05')).filter((e) => e.type === 'official_visit')).toEqual([]);
    });
  const CONCRETE: Record<string, string> = {
    en: "Morocco's energy minister and the head of KazMunayGas took part on Monday in the first concrete pouring of the plant built by the Kazakh company in Morocco.",
    ar: 'شارك وزير الطاقة المغربي ورئيس شركة كازمونايغاز الكازاخستانية، يوم الاثنين، في الصبة الخرسانية الأولى للمصنع الذي تبنيه الشركة في المغرب.',
  };
  for (const [lang, text] of Object.entries(CONCRETE))
    it(`${lang}: the first concrete pouring is an act between the two`, () => {
      expect(mains(run(text, lang, '2025-03-05')).map((e) => e.type)).toContain('other');
    });
});

describe('condolences told with an adjective ("deep condolences") are a message between the two', () => {
  it('en: an other', () => {
    const text =
      "Morocco's Foreign Ministry expressed deep condolences to Kazakhstan over the death of Kazakh Ambassador Saulekul Sailaukyzy on Monday.";
    expect(mains(run(text, 'en', '2025-03-05')).map((e) => e.type)).toEqual(['other']);
  });
});

describe('tourists who visit are travel by the public, not a visit between the two states', () => {
  const TOURISTS: Record<string, string> = {
    en: 'Moroccan Foreign Minister Nasser Bourita said that Kazakh tourists visited Morocco in record numbers this year.',
    ru: 'Министр иностранных дел Марокко Насер Бурита заявил, что казахстанские туристы посетили Марокко в рекордном количестве.',
    ar: 'أكد وزير الشؤون الخارجية ناصر بوريطة أن المغرب يتصدر البلدان التي زارها السياح الكازاخستانيون هذا العام.',
  };
  for (const [lang, text] of Object.entries(TOURISTS))
    it(`${lang}: no official visit`, () => {
      expect(mains(run(text, lang, '2025-03-05')).filter((e) => e.type === 'official_visit')).toEqual([]);
    });
});
