import { loadProfile } from '@dyad/knowledge';
import { describe, expect, it } from 'vitest';
import { relevanceModel, scoreRelevance } from './score.ts';

const model = relevanceModel(loadProfile());

interface Article {
  readonly title: string;
  readonly paragraphs: string[];
}

/**
 * For each language: an article about the dyad, one about Morocco and a third country, one about
 * Kazakhstan and a third country. The other-dyad articles share the vocabulary of bilateral
 * news (visa waiver, friendship group, joint statement) and name the missing country once in
 * passing, which must not make them relevant.
 */
const articles: Record<
  'ar' | 'fr' | 'en' | 'ru' | 'kk',
  { dyad: Article; moroccoX: Article; kazakhstanY: Article }
> = {
  ar: {
    dyad: {
      title: 'الرباط وأستانا تبحثان تعزيز التعاون الاقتصادي',
      paragraphs: [
        'أجرى وزير الشؤون الخارجية المغربي ناصر بوريطة، اليوم بالرباط، مباحثات مع نظيره الكازاخستاني تناولت سبل تعزيز التعاون بين البلدين.',
        'وأكد الجانبان أن دخول اتفاق الإعفاء من التأشيرة بين المغرب وكازاخستان حيز التنفيذ يفتح آفاقا جديدة للمبادلات.',
      ],
    },
    moroccoX: {
      title: 'المغرب وأذربيجان يوقعان اتفاقيات للتعاون في مجالات الطاقة والسياحة',
      paragraphs: [
        'وقع المغرب وأذربيجان، اليوم بالرباط، عدة اتفاقيات للتعاون في مجالات الطاقة والسياحة والتعليم، بحضور وزيري خارجية البلدين.',
        'وأشاد الجانبان بدخول اتفاق الإعفاء من التأشيرة حيز التنفيذ، وبعمل مجموعة الصداقة البرلمانية المغربية الأذربيجانية.',
        'وتسعى باكو إلى تعزيز حضورها في إفريقيا، بعدما وسعت شراكاتها في آسيا الوسطى، على غرار اتفاقها الأخير مع كازاخستان.',
      ],
    },
    kazakhstanY: {
      title: 'كازاخستان والصين توقعان بيانا مشتركا حول الممر التجاري',
      paragraphs: [
        'وقعت كازاخستان والصين في أستانا بيانا مشتركا لتطوير الممر التجاري العابر لبحر قزوين، خلال زيارة الرئيس الصيني.',
        'وأكد الرئيس قاسم جومارت توكاييف أن الشراكة مع بكين استراتيجية، وأن الإعفاء من التأشيرة رفع عدد الزوار.',
        'ويرى خبراء أن الممر قد يمتد نحو موانئ البحر المتوسط وحتى المغرب مستقبلا.',
      ],
    },
  },
  fr: {
    dyad: {
      title: 'Le Maroc et le Kazakhstan signent une feuille de route',
      paragraphs: [
        'Le ministre marocain des Affaires étrangères a reçu à Rabat son homologue kazakh pour une visite officielle.',
        'Les deux pays ont adopté une déclaration conjointe et salué l’entrée en vigueur de l’exemption de visa entre le Maroc et le Kazakhstan.',
      ],
    },
    moroccoX: {
      title: 'Le Maroc et l’Azerbaïdjan renforcent leur coopération énergétique',
      paragraphs: [
        'Le Maroc et l’Azerbaïdjan ont signé à Rabat plusieurs accords dans les domaines de l’énergie et du tourisme.',
        'Les ministres ont salué l’exemption de visa et le travail du groupe d’amitié parlementaire maroco-azerbaïdjanais.',
        'Bakou multiplie les partenariats, après un accord similaire conclu avec le Kazakhstan l’an dernier.',
      ],
    },
    kazakhstanY: {
      title: 'Le Kazakhstan et la Chine inaugurent un nouveau corridor ferroviaire',
      paragraphs: [
        'Le président Kassym-Jomart Tokaïev et son homologue chinois ont inauguré à Astana un corridor ferroviaire vers l’Europe.',
        'Une déclaration conjointe prévoit de doubler le fret d’ici 2030, et l’exemption de visa sera étendue.',
        'Des marchandises pourraient à terme rejoindre Casablanca par la Méditerranée.',
      ],
    },
  },
  en: {
    dyad: {
      title: 'Kazakhstan and Morocco agree to expand wheat trade',
      paragraphs: [
        'Kazakh and Moroccan officials met in Astana on Tuesday to discuss a grain hub on the Atlantic coast.',
        'The visa waiver between Morocco and Kazakhstan has doubled the number of visitors, the ministers said in a joint statement.',
      ],
    },
    moroccoX: {
      title: 'Morocco and Azerbaijan sign energy and tourism agreements',
      paragraphs: [
        'Morocco and Azerbaijan signed several agreements in Rabat on energy, tourism and education.',
        'The ministers welcomed the visa waiver and the work of the Moroccan-Azerbaijani parliamentary friendship group.',
        'Baku has expanded its partnerships in Central Asia, including a similar deal with Kazakhstan last year.',
      ],
    },
    kazakhstanY: {
      title: 'Kazakhstan and China open a new rail corridor',
      paragraphs: [
        'President Kassym-Jomart Tokayev and his Chinese counterpart opened a rail corridor to Europe in Astana.',
        'A joint statement plans to double freight by 2030 and to extend the visa waiver.',
        'Goods could one day reach Morocco through Mediterranean ports, analysts said.',
      ],
    },
  },
  ru: {
    dyad: {
      title: 'Казахстан и Марокко договорились расширить торговлю зерном',
      paragraphs: [
        'Министр иностранных дел Казахстана провёл в Рабате переговоры с марокканским коллегой.',
        'Стороны приняли совместное заявление и отметили, что безвизовый режим между Казахстаном и Марокко увеличил поток туристов.',
      ],
    },
    moroccoX: {
      title: 'Марокко и Азербайджан подписали соглашения в сфере энергетики',
      paragraphs: [
        'Марокко и Азербайджан подписали в Рабате ряд соглашений в сфере энергетики, туризма и образования.',
        'Министры приветствовали безвизовый режим и работу парламентской группы дружбы.',
        'Баку расширяет партнёрства в Центральной Азии, в том числе с Казахстаном.',
      ],
    },
    kazakhstanY: {
      title: 'Казахстан и Китай открыли новый железнодорожный коридор',
      paragraphs: [
        'Президент Касым-Жомарт Токаев и председатель КНР открыли в Астане железнодорожный коридор в Европу.',
        'Совместное заявление предусматривает удвоение грузоперевозок к 2030 году и расширение безвизового режима.',
        'В перспективе грузы могут доходить через Средиземное море даже до Марокко.',
      ],
    },
  },
  kk: {
    dyad: {
      title: 'Қазақстан мен Марокко астық саудасын кеңейтуге келісті',
      paragraphs: [
        'Қазақстанның Сыртқы істер министрі Рабатта мароккалық әріптесімен келіссөздер жүргізді.',
        'Тараптар бірлескен мәлімдеме қабылдап, Қазақстан мен Марокко арасындағы визасыз режим туристер ағынын арттырғанын атап өтті.',
      ],
    },
    moroccoX: {
      title: 'Марокко мен Әзербайжан энергетика саласындағы келісімдерге қол қойды',
      paragraphs: [
        'Марокко мен Әзербайжан Рабатта энергетика, туризм және білім беру салаларындағы бірқатар келісімдерге қол қойды.',
        'Министрлер визасыз режимді және парламенттік достық тобының жұмысын жоғары бағалады.',
        'Баку Орталық Азиядағы серіктестігін кеңейтіп келеді, соның ішінде Қазақстанмен де.',
      ],
    },
    kazakhstanY: {
      title: 'Қазақстан мен Қытай жаңа теміржол дәлізін ашты',
      paragraphs: [
        'Президент Қасым-Жомарт Тоқаев пен ҚХР Төрағасы Астанада Еуропаға баратын теміржол дәлізін ашты.',
        'Бірлескен мәлімдеме 2030 жылға қарай жүк тасымалын екі есе арттыруды және визасыз режимді кеңейтуді көздейді.',
        'Болашақта жүктер Жерорта теңізі арқылы тіпті Мароккоға дейін жетуі мүмкін.',
      ],
    },
  },
};

describe('scoreRelevance', () => {
  for (const [lang, { dyad, moroccoX, kazakhstanY }] of Object.entries(articles)) {
    describe(lang, () => {
      const dyadScore = scoreRelevance({ ...dyad, lang }, model);
      const moroccoScore = scoreRelevance({ ...moroccoX, lang }, model);
      const kazakhstanScore = scoreRelevance({ ...kazakhstanY, lang }, model);

      it('finds the dyad article relevant, with both sides in its reasons', () => {
        expect(dyadScore.relevant, dyadScore.reasons.join(' | ')).toBe(true);
        expect(dyadScore.assessed).toBe(true);
        expect(dyadScore.reasons[0]).toMatch(/^MA: /);
        expect(dyadScore.reasons[1]).toMatch(/^KZ: /);
      });

      it('finds Morocco–Azerbaijan not relevant, though it names Kazakhstan once', () => {
        expect(moroccoScore.relevant, moroccoScore.reasons.join(' | ')).toBe(false);
        expect(moroccoScore.reasons[1]).toMatch(/^KZ: name/);
      });

      it('finds Kazakhstan–China not relevant, though it names Morocco (or Casablanca) once', () => {
        expect(kazakhstanScore.relevant, kazakhstanScore.reasons.join(' | ')).toBe(false);
      });

      it('scores the dyad article well above both', () => {
        expect(dyadScore.score).toBeGreaterThan(moroccoScore.score + 0.2);
        expect(dyadScore.score).toBeGreaterThan(kazakhstanScore.score + 0.2);
      });
    });
  }

  it('does not count a city alone as naming a country', () => {
    const result = scoreRelevance(
      {
        title: 'Kazakhstan hosts a forum',
        paragraphs: ['Kazakhstan invited firms from Casablanca and Marrakesh.'],
      },
      model,
    );
    expect(result.relevant).toBe(false);
    expect(result.reasons.at(-1)).toMatch(/MA is not named \(a city alone does not count\)/);
  });

  it('counts a city the lead names and the article names again and again', () => {
    const result = scoreRelevance(
      {
        title: 'Astana and Casablanca financial centres sign memorandum',
        paragraphs: [
          'CASABLANCA. The Astana International Financial Centre of Kazakhstan and Casablanca Finance City signed a memorandum of understanding.',
          'The governor of the Astana centre and the head of Casablanca Finance City signed the document in Casablanca.',
        ],
      },
      model,
    );
    expect(result.relevant, result.reasons.join(' | ')).toBe(true);
  });

  it('reads on when the lead names both in one sentence, however short the dispatch', () => {
    const short = scoreRelevance(
      {
        title: 'Grain shipment',
        paragraphs: [
          'The first train of Kazakh grain has left for Morocco. It crosses Latvia by rail, and ships take it on from Liepaja.',
          'Seventeen trains are planned in all, the railway company said.',
        ],
      },
      model,
    );
    expect(short.score).toBeLessThan(0.45);
    expect(short.relevant, short.reasons.join(' | ')).toBe(true);
    expect(short.reasons.at(-1)).toMatch(/< 0\.45, but both named in one sentence of the lead: relevant/);
    // Named together only far from the lead, the score alone decides.
    const late = scoreRelevance(
      {
        title: 'Railway results',
        paragraphs: [
          `${'The railway company carried more freight this year than last, on every line of its network. '.repeat(8)}`,
          'Kazakh grain also went to Morocco.',
        ],
      },
      model,
    );
    expect(late.relevant, late.reasons.join(' | ')).toBe(false);
  });

  it("counts the knowledge base's people as naming their side: a call told by the ministers' names", () => {
    const result = scoreRelevance(
      {
        title: 'Bourita receives a phone call from Nurtleu',
        paragraphs: [
          'Foreign Minister Nasser Bourita received a phone call from his counterpart Murat Nurtleu on the situation in the region.',
          'The two ministers discussed the preparations of the next session of the joint commission.',
        ],
      },
      model,
    );
    expect(result.relevant, result.reasons.join(' | ')).toBe(true);
    expect(result.reasons.join(' | ')).toMatch(/leader «Murat Nurtleu»/);
  });

  it('gives 0 to an article about neither country', () => {
    const result = scoreRelevance({ title: 'Weather', paragraphs: ['Rain is expected on Sunday.'] }, model);
    expect(result).toMatchObject({ score: 0, relevant: false, assessed: true });
    expect(result.reasons.slice(0, 2)).toEqual(['MA: not named', 'KZ: not named']);
  });

  it('matches names through Arabic clitics and Russian case endings', () => {
    const ar = scoreRelevance({ title: '', paragraphs: ['وبالمغرب ولكازاخستان وللمملكة المغربية.'] }, model);
    expect(ar.reasons[0]).toContain('«المغرب»');
    expect(ar.reasons[0]).toContain('«المملكة المغربية»');
    expect(ar.reasons[1]).toContain('«كازاخستان»');
    const ru = scoreRelevance(
      { title: '', paragraphs: ['В Астане, в Казахстане и в Рабате; Токаевым.'] },
      model,
    );
    expect(ru.reasons[0]).toContain('«Рабат»');
    expect(ru.reasons[1]).toMatch(/«Астана».*|«Казахстан»/);
    expect(ru.reasons[1]).toContain('«Токаев»');
  });

  it('reads the words of a Kazakh text behind their suffixes, in a Kazakh text only', () => {
    const paragraphs = [
      'Мароккодағы елшілік, Марокко Корольдігінің Рабаттағы кеңсесі; Астанадағы кездесу, Тоқаевтың сапары.',
    ];
    const kk = scoreRelevance({ title: '', paragraphs, lang: 'kk' }, model);
    expect(kk.reasons[0]).toContain('«Марокко Корольдігі»');
    expect(kk.reasons[0]).toContain('«Рабат»');
    expect(kk.reasons[0]).toMatch(/«Марокко» ×2|name «Марокко»/);
    expect(kk.reasons[1]).toContain('«Астана»');
    expect(kk.reasons[1]).toContain('«Тоқаев»');
    // Read as Russian, "Астанадағы" has more letters after the stem than a case ending.
    expect(scoreRelevance({ title: '', paragraphs }, model).reasons[1]).not.toContain('«Астана»');
  });
});

describe('news agencies', () => {
  it('count for relevance as an institution does, and are named as agencies in the reasons', () => {
    const result = scoreRelevance(
      {
        title: 'Kazinform: Moroccan delegation in Astana',
        paragraphs: ['ASTANA. KAZINFORM – A Moroccan delegation held talks in Astana with Kazakh officials.'],
      },
      model,
    );
    expect(result.reasons.join(' ')).toContain('agency «Kazinform»');
    expect(result.relevant).toBe(true);
  });
});
