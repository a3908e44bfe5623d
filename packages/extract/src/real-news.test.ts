/**
 * The failure classes that unseen real articles exposed (issue "Extraction that holds on real
 * news"), each as general cases in every language it occurs in. The sentences are written for these
 * tests, in the way outlets write; none is copied from a corpus article.
 */
import type { EventReport } from '@dyad/contracts';
import { describe, expect, it } from 'vitest';
import { extract } from './extract.ts';

const run = (text: string, lang: string, publishedAt: string | null, fetchedAt?: string) =>
  extract({ text, lang, publishedAt, ...(fetchedAt ? { fetchedAt } : {}) }).events;
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
    it(`${lang}: dates a text that names no day by its publication, and says so`, () => {
      const [news] = mains(run(text, lang, '2025-03-01'));
      expect(news?.date).toEqual({ value: '2025-03-01', precision: 'day', source: 'published' });
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
      expect(news?.date).toEqual({ value: '2025-05-14', precision: 'day', source: 'fetched' });
    });
  }
});
