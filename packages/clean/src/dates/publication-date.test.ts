import { describe, expect, it } from 'vitest';
import { dateFromUrl, inferReferenceDate, parseDateValue, pickPublicationDate } from './publication-date.ts';

describe('parseDateValue', () => {
  it.each([
    ['2025-03-12T10:30:00+01:00', '2025-03-12T09:30:00.000Z'],
    ['2025-03-12T10:30:00Z', '2025-03-12T10:30:00.000Z'],
    ['2025-03-12 10:30:00+0100', '2025-03-12T09:30:00.000Z'],
    ['2025-03-12T10:30:00', '2025-03-12'],
    ['2025-03-12', '2025-03-12'],
    ['20250312', '2025-03-12'],
    ['Wed, 12 Mar 2025 10:30:00 GMT', '2025-03-12T10:30:00.000Z'],
    ['12 mars 2025', '2025-03-12'],
    ['not a date', undefined],
    ['2025-02-30', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(parseDateValue(raw)).toBe(expected);
  });
});

describe('pickPublicationDate', () => {
  const fetchedAt = '2025-06-01T12:00:00.000Z';

  it('takes the first candidate that is not after the fetch', () => {
    expect(
      pickPublicationDate(
        [
          { value: '2025-07-01T00:00:00.000Z', source: 'meta' },
          { value: '2025-05-30', source: 'url' },
        ],
        fetchedAt,
      ),
    ).toEqual({ value: '2025-05-30', source: 'url' });
  });

  it('clamps a timestamp a few minutes ahead (a fast clock) to the fetch time', () => {
    expect(pickPublicationDate([{ value: '2025-06-01T12:05:00.000Z', source: 'meta' }], fetchedAt)).toEqual({
      value: fetchedAt,
      source: 'meta',
    });
  });

  it('accepts the fetch day (and the next, which has begun east of UTC) but not later', () => {
    expect(pickPublicationDate([{ value: '2025-06-02', source: 'text' }], fetchedAt).value).toBe(
      '2025-06-02',
    );
    expect(pickPublicationDate([{ value: '2025-06-03', source: 'text' }], fetchedAt).value).toBeNull();
  });

  it('says none when nothing fits', () => {
    expect(pickPublicationDate([], fetchedAt)).toEqual({ value: null, source: 'none' });
  });
});

describe('dateFromUrl', () => {
  it.each([
    ['https://x.example/politique/2025/03/12/maroc-kazakhstan', '2025-03-12'],
    ['https://x.example/news/2025-03-12-maroc', '2025-03-12'],
    ['https://x.example/a/20250312/b.html', '2025-03-12'],
    ['https://x.example/2025/03/maroc', '2025-03'],
    ['https://x.example/article/123456', undefined],
    ['seed:000.txt', undefined],
    [undefined, undefined],
  ])('%s → %s', (url, expected) => {
    expect(dateFromUrl(url)).toBe(expected);
  });
});

describe('inferReferenceDate', () => {
  const fetchedAt = '2026-11-22T10:00:00.000Z';

  it('takes the latest full date the text mentions', () => {
    expect(inferReferenceDate('وقعت الاتفاقية سنة 2023 ثم التقى الطرفان يوم 27 يناير 2026.', fetchedAt)).toBe(
      '2026-01-27',
    );
  });

  it('places "yesterday" the day after and "today" on the day', () => {
    expect(
      inferReferenceDate('زيارة من 21 إلى 25 شتنبر 2025. لقاء يوم أمس الثلاثاء 23 شتنبر الجاري.', fetchedAt),
    ).toBe('2025-09-24');
    expect(inferReferenceDate('Aujourd’hui 12 mars 2025, le ministre a reçu…', fetchedAt)).toBe('2025-03-12');
  });

  it('puts "this month" in the first such month after the latest date the text mentions', () => {
    expect(inferReferenceDate('في 28 غشت 2024. المنتدى يومي 28 و29 أبريل الجاري.', fetchedAt)).toBe(
      '2025-04',
    );
  });

  it('never gives a date after the fetch', () => {
    expect(inferReferenceDate('Le sommet du 3 mars 2027 et celui du 5 mai 2024.', fetchedAt)).toBe(
      '2024-05-05',
    );
    expect(inferReferenceDate('Le sommet du 3 mars 2027.', fetchedAt)).toBeUndefined();
  });

  it('falls back to a year, and to nothing when the text has no date', () => {
    expect(inferReferenceDate('les visites du ministre en 2025', fetchedAt)).toBe('2025');
    expect(inferReferenceDate('Aucune date ici.', fetchedAt)).toBeUndefined();
  });
});
