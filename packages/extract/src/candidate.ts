import type { Agreement, EventType } from '@dyad/contracts';
import type { TriggerHit } from './analyse.ts';
import type { DateHit } from './dates.ts';
import type { PersonHit } from './people.ts';

export type AgreementStatus = Agreement['status'];

/** One event as one sentence reports it, before the article's reports are merged. */
export interface Candidate {
  type: EventType;
  readonly sentence: number;
  readonly trigger: TriggerHit;
  date?: { hit: DateHit; sentence: number };
  /** A document adopted during an interaction named in the same sentence takes its date. */
  datedBy?: Candidate;
  readonly people: { person: PersonHit; sentence: number }[];
  location?: { name: string; country: string; sentence: number };
  readonly agreements: { name: string; status: AgreementStatus; sentence: number }[];
  readonly sentences: Set<number>;
  readonly anaphoric: boolean;
  /** Visits split from one plural phrase ("the visits of X and of Y"): never merged back together. */
  readonly group?: string;
  /** The sentence speaks of "the delegation": the visiting party of the article's visit. */
  readonly delegation: boolean;
  /** The sentence names the event told before ("during the visit, talks were held with X"). */
  readonly continues: boolean;
  /** A joint statement told with a position in it ("in the joint statement, Kazakhstan supported …"). */
  carriesPosition?: boolean;
  /** "Cet accord, signé par les deux dirigeants …", "This agreement": the document told before. */
  readonly namesDocumentTold?: boolean;
  /**
   * The side whose position a statement is, when the sentence tells it: the other side than the
   * one praised ("Putin lauded the Egyptian efforts": Russia's).
   */
  statedBy?: string;
  /**
   * "Ont pris part à cet événement X, ministre …", "The ceremony was attended by …": no event of its
   * own, its people attend the event told before.
   */
  attendance?: boolean;
  /**
   * "وأشاد ولد الرشيد بمستوى العلاقات، مستحضرا الزيارة الرسمية التي قام بها كوشانوف": told as someone
   * of the news recalls it, in the news's own words; what follows goes on telling the news.
   */
  recalledInSpeech?: boolean;
}
