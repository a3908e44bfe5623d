/**
 * Articles for the chaos run: distinct events (talks between the two foreign ministries on a day
 * of their own, so each is an event of its own), and ~20% reports of an earlier event in another
 * language (French, Arabic or Russian), which the indexer merges into that event.
 */
import { loadDatesLexicon } from '@dyad/knowledge';

export type ChaosLang = 'en' | 'fr' | 'ar' | 'ru';

export interface ChaosArticle {
  /** Unique within a run: the file name of a replayed article, the path of a crawled one. */
  readonly key: string;
  /** Which distinct event it reports (0-based). */
  readonly event: number;
  readonly lang: ChaosLang;
  readonly title: string;
  readonly text: string;
}

// Month names as the papers write them: the first form of each month in lexicons/dates.yaml, their
// one home.
const dates = loadDatesLexicon();
function monthNames(lang: ChaosLang): string[] {
  const months = dates.months[lang] ?? {};
  return Object.entries(months)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, forms]) => forms[0] ?? '');
}
const EN_MONTHS = monthNames('en');
const FR_MONTHS = monthNames('fr');
const AR_MONTHS = monthNames('ar');
const RU_MONTHS = monthNames('ru');

const TOPICS: readonly { en: string; fr: string; ar: string; ru: string }[] = [
  { en: 'agriculture', fr: "l'agriculture", ar: 'الفلاحة', ru: 'сельского хозяйства' },
  { en: 'energy', fr: "l'énergie", ar: 'الطاقة', ru: 'энергетики' },
  { en: 'tourism', fr: 'le tourisme', ar: 'السياحة', ru: 'туризма' },
  { en: 'education', fr: "l'éducation", ar: 'التعليم', ru: 'образования' },
  { en: 'transport', fr: 'le transport', ar: 'النقل', ru: 'транспорта' },
  { en: 'trade', fr: 'le commerce', ar: 'التجارة', ru: 'торговли' },
];

/** The day of event `i`: one a day from 1 March 2014, so that no two events can be one. */
function eventDay(i: number): Date {
  return new Date(Date.UTC(2014, 2, 1) + i * 86_400_000);
}

function report(event: number, lang: ChaosLang): { title: string; text: string } {
  const d = eventDay(event);
  const day = d.getUTCDate();
  const month = d.getUTCMonth();
  const year = d.getUTCFullYear();
  const topic = TOPICS[event % TOPICS.length] ?? {
    en: 'trade',
    fr: 'le commerce',
    ar: 'التجارة',
    ru: 'торговли',
  };
  switch (lang) {
    case 'en': {
      const date = `${day} ${EN_MONTHS[month]} ${year}`;
      const title = `Morocco and Kazakhstan discuss cooperation in ${topic.en}`;
      return {
        title,
        text: `${title}\n\nRabat, ${date} - Moroccan Minister of Foreign Affairs Nasser Bourita held talks on ${date} in Rabat with Kazakh Deputy Foreign Minister Alibek Bakayev on cooperation in ${topic.en} between Morocco and Kazakhstan.\n`,
      };
    }
    case 'fr': {
      const date = `${day} ${FR_MONTHS[month]} ${year}`;
      const title = `Le Maroc et le Kazakhstan discutent de la coopération dans ${topic.fr}`;
      return {
        title,
        text: `${title}\n\nRabat, le ${date} - Le ministre marocain des Affaires étrangères, Nasser Bourita, s'est entretenu le ${date} à Rabat avec le vice-ministre kazakh des Affaires étrangères, Alibek Bakayev, de la coopération dans ${topic.fr} entre le Maroc et le Kazakhstan.\n`,
      };
    }
    case 'ar': {
      const date = `${day} ${AR_MONTHS[month]} ${year}`;
      const title = `المغرب وكازاخستان يبحثان التعاون في مجال ${topic.ar}`;
      return {
        title,
        text: `${title}\n\nالرباط، ${date} - أجرى وزير الشؤون الخارجية المغربي ناصر بوريطة، يوم ${date} بالرباط، مباحثات مع نائب وزير الخارجية الكازاخستاني أليبيك باكاييف حول التعاون في مجال ${topic.ar} بين المغرب وكازاخستان.\n`,
      };
    }
    case 'ru': {
      const date = `${day} ${RU_MONTHS[month]} ${year} года`;
      const title = `Марокко и Казахстан обсудили сотрудничество в области ${topic.ru}`;
      return {
        title,
        text: `${title}\n\nРабат, ${date} - Министр иностранных дел Марокко Насер Бурита ${date} в Рабате провел переговоры с заместителем министра иностранных дел Казахстана Алибеком Бакаевым о сотрудничестве в области ${topic.ru} между Марокко и Казахстаном.\n`,
      };
    }
  }
}

const OTHER: readonly ChaosLang[] = ['fr', 'ar', 'ru'];

/**
 * `count` articles: every fifth one a report in another language of an event reported earlier,
 * the rest the first (English) report of an event of their own. Keys carry the run's `tag`, so
 * that two runs against one store never share an article.
 */
export function chaosArticles(count: number, tag: string): ChaosArticle[] {
  const out: ChaosArticle[] = [];
  let events = 0;
  for (let i = 0; i < count; i++) {
    if (i % 5 === 4 && events > 0) {
      // The same event as an earlier article, in another language.
      const event = (i * 7) % events;
      const lang = OTHER[i % OTHER.length] ?? 'fr';
      out.push({ key: `${tag}-${String(i).padStart(5, '0')}-${lang}`, event, lang, ...report(event, lang) });
    } else {
      const event = events++;
      out.push({ key: `${tag}-${String(i).padStart(5, '0')}-en`, event, lang: 'en', ...report(event, 'en') });
    }
  }
  return out;
}
