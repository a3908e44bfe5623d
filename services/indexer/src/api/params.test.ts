import { describe, expect, it } from '@dyad/testkit';
import { EventsQuery, firstDay, InvalidParametersError, lastDay, parseParams } from './params.ts';

describe('query parameters', () => {
  it('takes a year, month or day as the days it stands for', () => {
    expect([firstDay('2025'), lastDay('2025')]).toEqual(['2025-01-01', '2025-12-31']);
    expect([firstDay('2024-02'), lastDay('2024-02')]).toEqual(['2024-02-01', '2024-02-29']);
    expect(lastDay('2025-02')).toBe('2025-02-28');
    expect([firstDay('2025-02-28'), lastDay('2025-02-28')]).toEqual(['2025-02-28', '2025-02-28']);
  });

  it('reads empty values as absent and applies the defaults', () => {
    expect(parseParams(EventsQuery, { type: '', q: '', from: '2024-02-29' })).toEqual({
      from: '2024-02-29',
      limit: 20,
      offset: 0,
    });
  });

  it('names every bad parameter in one error', () => {
    const error = (() => {
      try {
        parseParams(EventsQuery, { from: '2025-02-29', limit: 'all', colour: 'red' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidParametersError);
    expect((error as InvalidParametersError).issues).toEqual([
      { parameter: 'from', message: 'no such day' },
      { parameter: 'limit', message: 'expected a whole number' },
      { parameter: 'colour', message: 'unknown parameter' },
    ]);
    expect((error as InvalidParametersError).message).toBe(
      'from: no such day; limit: expected a whole number; colour: unknown parameter',
    );
  });
});
