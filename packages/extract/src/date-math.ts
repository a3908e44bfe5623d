/** Calendar arithmetic for the extractor: the shared primitives, and publication dates as days. */
import { type Precision, partialDateRange } from '@dyad/contracts';

export {
  addDays,
  daysBetween,
  daysInMonth,
  isValidDay,
  type Precision,
  pad,
  parseDay,
  partialDateRange,
  weekday,
  ymd,
} from '@dyad/contracts';

/** The day of a publication date value ("2025-02-28T09:00:00Z", "2025-02-28", "2025-02"). */
export function dayOf(value: string): { day: string; precision: Precision } {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m?.[1]) throw new Error(`not a date: ${value}`);
  if (m[3] && m[2]) return { day: `${m[1]}-${m[2]}-${m[3]}`, precision: 'day' };
  if (m[2]) return { day: partialDateRange(`${m[1]}-${m[2]}`).last, precision: 'month' };
  return { day: `${m[1]}-12-31`, precision: 'year' };
}
