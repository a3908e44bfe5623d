import { describe, expect, it } from 'vitest';
import { MAX_LOCKED_MONTHS, resolutionLocks } from './resolution-locks.ts';

const month = (y: number, m: number) => y * 12 + m;

describe('resolutionLocks', () => {
  it('locks a meeting’s months, and the visit class’s months shared (a visit may contain it)', () => {
    const locks = resolutionLocks([{ typeClass: 'meeting', first: '2025-02-25', last: '2025-03-04' }]);
    const meeting = locks.filter((l) => l.space === locks.at(-1)?.space);
    expect(meeting.map((l) => [l.key, l.shared])).toEqual([
      [0, true],
      [month(2025, 2), false],
      [month(2025, 3), false],
    ]);
    const visit = locks.filter((l) => l.space !== meeting[0]?.space);
    expect(visit.map((l) => [l.key, l.shared])).toEqual([
      [0, true],
      [month(2025, 2), true],
      [month(2025, 3), true],
    ]);
  });

  it('locks a whole class exclusively for a year or undated, and sorts, exclusive over shared', () => {
    const locks = resolutionLocks([
      { typeClass: 'visit', first: '2025-01-01', last: '2025-12-31' },
      { typeClass: 'meeting', first: '2025-02-10', last: '2025-02-17' },
      { typeClass: 'visit', first: '0001-01-01', last: '9999-12-31' },
    ]);
    const sorted = [...locks].sort((a, b) => a.space - b.space || a.key - b.key);
    expect(locks).toEqual(sorted);
    // The visit class as a whole, exclusive (the meeting's shared claim on it gives way).
    expect(locks.filter((l) => l.key === 0 && !l.shared)).toHaveLength(1);
    expect(new Set(locks.map((l) => `${l.space}:${l.key}`)).size).toBe(locks.length);
    expect(MAX_LOCKED_MONTHS).toBeLessThan(12);
  });

  it('takes nothing for no scope', () => {
    expect(resolutionLocks([])).toEqual([]);
  });
});
