import { partialDateRange } from '@dyad/contracts';
import type { SqlValue } from './db.ts';

/** Days a transaction resolves events of one type class in: where it searches and may write. */
export interface ResolutionScope {
  readonly typeClass: string;
  /** YYYY-MM-DD, inclusive. */
  readonly first: string;
  readonly last: string;
}

/** One advisory lock: two int4 keys, shared or exclusive. */
export interface ResolutionLock {
  readonly space: number;
  readonly key: number;
  readonly shared: boolean;
}

// Two-int4 advisory keys: the first is one of these per type class (the two-key space does not
// overlap the one-key space of other locks); the second a month, or 0 for the whole class.
const CLASS_SPACE: Readonly<Record<string, number>> = {
  visit: 730_293_101,
  meeting: 730_293_102,
  agreement: 730_293_103,
  entry_into_force: 730_293_104,
  statement: 730_293_105,
  other: 730_293_106,
};
const UNKNOWN_CLASS = 730_293_100;
const WHOLE_CLASS = 0;
/** A scope over more months than this (a year, undated) locks its whole class. */
export const MAX_LOCKED_MONTHS = 3;

function monthIndex(day: string): number {
  return Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
}

/**
 * The advisory locks that serialise resolution where two transactions could create one event
 * twice or link a meeting to a visit neither sees: a lock per type class and month instead of one
 * lock for everything, so that articles about different months or kinds of event resolve at once.
 *
 * - A scope of a few months takes its class's months exclusively and its class as a whole shared;
 *   a wider one (a year, undated) takes its class exclusively, waiting for every narrower one.
 * - A meeting, signing, statement… may lie inside a visit (partOf), and a visit may contain them:
 *   other classes also take the visit class's months (and the class as a whole) shared, so a
 *   visit created in a month waits for, and is waited for by, everything else in that month.
 *
 * Sorted by (space, key), exclusive winning over shared for one key: every transaction takes its
 * locks in one order, so they cannot deadlock on each other.
 */
export function resolutionLocks(scopes: readonly ResolutionScope[]): ResolutionLock[] {
  const wanted = new Map<string, ResolutionLock>();
  const want = (space: number, key: number, shared: boolean) => {
    const id = `${space}:${key}`;
    const known = wanted.get(id);
    if (!known || (known.shared && !shared)) wanted.set(id, { space, key, shared });
  };
  const visit = CLASS_SPACE.visit ?? UNKNOWN_CLASS;
  for (const scope of scopes) {
    const space = CLASS_SPACE[scope.typeClass] ?? UNKNOWN_CLASS;
    const first = monthIndex(partialDateRange(scope.first).first);
    const last = monthIndex(partialDateRange(scope.last).last);
    const isVisit = space === visit;
    if (last - first + 1 > MAX_LOCKED_MONTHS) {
      want(space, WHOLE_CLASS, false);
      if (!isVisit) want(visit, WHOLE_CLASS, true);
      continue;
    }
    want(space, WHOLE_CLASS, true);
    if (!isVisit) want(visit, WHOLE_CLASS, true);
    for (let m = first; m <= last; m++) {
      want(space, m, false);
      if (!isVisit) want(visit, m, true);
    }
  }
  return [...wanted.values()].sort((a, b) => a.space - b.space || a.key - b.key);
}

/**
 * A SELECT that takes `locks` in their order (unnest yields its rows, and so takes the locks, in
 * the arrays' order), its three arrays the parameters from `$first` on. With `after` (the name of
 * a WITH query of the same statement), only once that query has run to its end: work the locks
 * need not cover is done before they are waited for and held.
 */
export function lockSelect(
  locks: readonly ResolutionLock[],
  first: number,
  after?: string,
): { sql: string; params: SqlValue[] } {
  const wait = after ? `\n           WHERE (SELECT count(*) FROM ${after}) >= 0` : '';
  return {
    sql: `SELECT count(CASE WHEN s THEN pg_advisory_xact_lock_shared(a, b) ELSE pg_advisory_xact_lock(a, b) END) AS n
            FROM unnest($${first}::int[], $${first + 1}::int[], $${first + 2}::bool[]) AS l(a, b, s)${wait}`,
    params: [
      `{${locks.map((l) => l.space).join(',')}}`,
      `{${locks.map((l) => l.key).join(',')}}`,
      `{${locks.map((l) => l.shared).join(',')}}`,
    ],
  };
}
