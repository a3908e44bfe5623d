import { describe, expect, it } from 'vitest';
import { findDates } from './find-dates.ts';

const first = (text: string, options = {}) => {
  const [d] = findDates(text, options);
  return d ? { year: d.year, month: d.month, day: d.day, relative: d.relative } : undefined;
};

describe('findDates', () => {
  it.each([
    ['يوم الثلاثاء 27 يناير 2026', { year: 2026, month: 1, day: 27 }],
    ['خلال الفترة الممتدة من 21 إلى 25 شتنبر 2025', { year: 2025, month: 9, day: 25 }],
    ['حيز التنفيذ في 28 غشت 2024', { year: 2024, month: 8, day: 28 }],
    ['في 3 يوليوز 2025', { year: 2025, month: 7, day: 3 }],
    ['يوم 12 نونبر 2024', { year: 2024, month: 11, day: 12 }],
    ['في 5 دجنبر 2023', { year: 2023, month: 12, day: 5 }],
    ['في ١٥ مارس ٢٠٢٥', { year: 2025, month: 3, day: 15 }],
    ['le 1er mars 2025', { year: 2025, month: 3, day: 1 }],
    ['Publié le 6 février 2025', { year: 2025, month: 2, day: 6 }],
    ['February 28, 2025', { year: 2025, month: 2, day: 28 }],
    ['28 Feb 2025', { year: 2025, month: 2, day: 28 }],
    ['28 февраля 2025 года', { year: 2025, month: 2, day: 28 }],
    ['2025 жылғы 28 ақпан', { month: 2, day: 28 }],
    ['published 2025-02-28', { year: 2025, month: 2, day: 28 }],
    ['15.04.2025', { year: 2025, month: 4, day: 15 }],
    ['in March 2025', { year: 2025, month: 3 }],
  ])('%s', (text, expected) => {
    expect(first(text)).toMatchObject(expected);
  });

  it('reads 03/04/2025 day first unless told the text is US English', () => {
    expect(first('03/04/2025')).toMatchObject({ month: 4, day: 3 });
    expect(first('03/04/2025', { monthFirst: true })).toMatchObject({ month: 3, day: 4 });
  });

  it('marks dates placed relative to the writing: yesterday, today, this month, last month', () => {
    expect(first('يوم أمس الثلاثاء 23 شتنبر الجاري')).toMatchObject({
      month: 9,
      day: 23,
      relative: 'yesterday',
    });
    expect(first('يومه الجمعة 28 فبراير 2025')).toMatchObject({ year: 2025, relative: 'today' });
    expect(first('يومي 28 و29 أبريل الجاري')).toMatchObject({ month: 4, day: 29, relative: 'currentMonth' });
    expect(first('في فبراير الماضي')).toMatchObject({ month: 2, relative: 'lastMonth' });
    expect(first('en février dernier')).toMatchObject({ month: 2, relative: 'lastMonth' });
    expect(first('last February')).toMatchObject({ month: 2, relative: 'lastMonth' });
  });

  it('ignores a bare month name and invalid days', () => {
    expect(findDates('May the best team win')).toEqual([]);
    expect(findDates('31 فبراير 2025')).toEqual([]);
  });

  it('reports bare years only after a year word, when asked', () => {
    expect(findDates('عام 1992 و 1500 طن', { years: true }).map((d) => d.year)).toEqual([1992]);
    expect(findDates('en 2025', { years: true })).toMatchObject([{ year: 2025 }]);
    expect(findDates('en 2025')).toEqual([]);
  });
});
