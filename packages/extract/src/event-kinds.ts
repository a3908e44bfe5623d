import { EventType, type TypeClass, typeClassOf } from '@dyad/contracts';

/** The event types of some classes (the classes are the contracts' facts of each type). */
function ofClasses(...classes: TypeClass[]): ReadonlySet<EventType> {
  return new Set(EventType.options.filter((t) => classes.includes(typeClassOf(t))));
}

/** Events where people meet or speak: visits, meetings, calls. */
export const INTERACTIONS = ofClasses('visit', 'meeting');

export const VISITS = ofClasses('visit');

/** Events that adopt a document: a signing, a joint statement. */
export const DOCUMENTS = ofClasses('agreement');

/**
 * Headline, dateline and lead: where an article tells its news and, with no publication date,
 * writes its own date. Further down, a date written in full is mostly background.
 */
export const LEAD_SENTENCES = 6;
