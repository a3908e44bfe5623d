import type { EventType } from '@dyad/contracts';

/** Events where people meet or speak: visits, meetings, calls. */
export const INTERACTIONS: ReadonlySet<EventType> = new Set([
  'official_visit',
  'courtesy_visit',
  'bilateral_meeting',
  'parliamentary_meeting',
  'phone_call',
]);

export const VISITS: ReadonlySet<EventType> = new Set(['official_visit', 'courtesy_visit']);
