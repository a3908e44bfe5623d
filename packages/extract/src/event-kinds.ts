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

/** Events that adopt a document: a signing, a joint statement. */
export const DOCUMENTS: ReadonlySet<EventType> = new Set(['agreement_signing', 'joint_statement']);

/**
 * Headline, dateline and lead: where an article tells its news and, with no publication date,
 * writes its own date. Further down, a date written in full is mostly background.
 */
export const LEAD_SENTENCES = 6;
