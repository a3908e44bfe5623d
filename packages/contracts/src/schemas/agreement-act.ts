import { z } from 'zod';
import { CountryCode, Evidence } from './common.ts';
import { Agreement, EventDateOrUndated } from './event.ts';

/**
 * A step in an agreement's life that is no event between the two countries: one state approving
 * it at home, after it was signed — a parliament ratifying it, a government approving it by
 * decree, a head of state signing the law that does ("the Senate ratified the agreement between
 * Kazakhstan and Morocco on …"). The labelled corpora give such articles no event (a domestic
 * step, not a bilateral one), so it travels beside the events (`article.extracted`'s
 * `agreementActs`), never as one, and changes neither the events nor the article's relevance.
 */
export const AgreementStep = z.enum(['approved']);
export type AgreementStep = z.infer<typeof AgreementStep>;

export const AgreementAct = z.object({
  /** The agreement as events name it (the lexicon's name: "mutual legal assistance agreement"). */
  name: Agreement.shape.name,
  step: AgreementStep,
  /** The side whose parliament, government or head of state approved it, when the text tells. */
  country: CountryCode.optional(),
  /** As an event's date: what the text gives, else the article's own date (`source` says which), or null. */
  date: EventDateOrUndated,
  /** The sentences that tell it (offsets into the text; a headline's are 0–0, as for events). */
  evidence: z.array(Evidence).min(1),
});
export type AgreementAct = z.infer<typeof AgreementAct>;

/**
 * The key agreements are grouped by, across articles, languages and events: the name with case
 * and spacing folded ("Air services  Agreement" and "air services agreement" are one).
 */
export function agreementKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim();
}
