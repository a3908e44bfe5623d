import { describe, expect, it } from 'vitest';
import { dateRange, partialToRange, rangesOverlap, refineDate } from './dates.ts';

describe('dates', () => {
  it('turns partial dates into day ranges, leap years included', () => {
    expect(partialToRange('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(partialToRange('2025')).toEqual({ first: '2025-01-01', last: '2025-12-31' });
    expect(dateRange({ value: '2025-09-21', end: '2025-09-25', precision: 'day' })).toEqual({
      first: '2025-09-21',
      last: '2025-09-25',
    });
  });

  it('overlaps at both precisions', () => {
    expect(rangesOverlap(partialToRange('2025-02'), partialToRange('2025-02-28'))).toBe(true);
    expect(rangesOverlap(partialToRange('2025-02'), partialToRange('2025-03-01'))).toBe(false);
  });

  it('refines only to a date inside the known one', () => {
    const month = { value: '2025-02', precision: 'month' as const };
    expect(refineDate(month, { value: '2025-02-28', precision: 'day' })).toEqual({
      value: '2025-02-28',
      precision: 'day',
    });
    expect(refineDate(month, { value: '2025-03-01', precision: 'day' })).toBe(month);
    const day = { value: '2025-02-28', precision: 'day' as const };
    expect(refineDate(day, month)).toBe(day);
  });
});
