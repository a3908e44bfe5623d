import { describe, expect, it } from 'vitest';
import {
  addDays,
  eventDateRange,
  formatEventDate,
  isUndatedRange,
  partialDateRange,
  rangesOverlap,
  UNDATED_RANGE,
  weekday,
} from './dates.ts';

describe('partial dates as days', () => {
  it('turns partial dates into day ranges, leap years included', () => {
    expect(partialDateRange('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(partialDateRange('2025-02')).toEqual({ first: '2025-02-01', last: '2025-02-28' });
    expect(partialDateRange('2025')).toEqual({ first: '2025-01-01', last: '2025-12-31' });
    expect(eventDateRange({ value: '2025-09-21', end: '2025-09-25' })).toEqual({
      first: '2025-09-21',
      last: '2025-09-25',
    });
    expect(() => partialDateRange('Friday')).toThrow(/not a partial date/);
  });

  it('overlaps at both precisions', () => {
    expect(rangesOverlap(partialDateRange('2025-02'), partialDateRange('2025-02-28'))).toBe(true);
    expect(rangesOverlap(partialDateRange('2025-02'), partialDateRange('2025-03-01'))).toBe(false);
  });

  it('reads an undated event as every day, so that it overlaps any date', () => {
    expect(eventDateRange(null)).toEqual(UNDATED_RANGE);
    expect(isUndatedRange(eventDateRange(null))).toBe(true);
    expect(rangesOverlap(eventDateRange(null), partialDateRange('1992'))).toBe(true);
    expect(isUndatedRange(partialDateRange('2025'))).toBe(false);
  });

  it('counts days across months and years, and knows the weekday', () => {
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(weekday('2025-02-28')).toBe(5);
  });

  it('writes a date for people, with where it came from when asked', () => {
    expect(formatEventDate(null)).toBe('undated');
    expect(formatEventDate({ value: '2025-11-24', end: '2025-11-26', precision: 'day' })).toBe(
      '2025-11-24–2025-11-26',
    );
    const published = { value: '2025-03-01', precision: 'day', source: 'published' } as const;
    expect(formatEventDate(published)).toBe('2025-03-01');
    expect(formatEventDate(published, { source: true })).toBe('2025-03-01 (publication date)');
  });
});
