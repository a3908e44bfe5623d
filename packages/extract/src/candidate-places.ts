import type { SentenceFacts, TriggerHit } from './analyse.ts';
import type { Candidate } from './candidate.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import { distance } from './token-distance.ts';

// How far from a document's trigger its place may be named ("signed … on Tuesday in Rabat").
const PLACE_REACH = 8;

// What follows the city of a dateline: "RABAT, 12 mars (MAP) –", "АСТАНА. КАЗИНФОРМ –", "الرباط –".
export const DATELINE_GAP = /^\s*[,.–—\-(:]/;

/** Whether a place opens its sentence as a dateline does ("ASTANA – Kazakhstan and Morocco signed …"). */
export function opensAsDateline(f: SentenceFacts, place: SentenceFacts['places'][number]): boolean {
  if (place.tokStart !== 0) return false;
  const next = f.sentence.tokens[place.tokEnd];
  return !next || DATELINE_GAP.test(next.gapBefore);
}

/**
 * The place nearest a trigger; on a tie, the one after it. Not the city a dispatch was filed from
 * when the sentence names another: "ASTANA – … signed a roadmap during the visit of the minister to
 * Rabat" (the dateline places the article's events only when nothing else does).
 */
function nearestPlace(f: SentenceFacts, trigger: TriggerHit): SentenceFacts['places'][number] | undefined {
  // "… al-Sisi will attend the summit in Moscow, Lavrov said at a meeting with …": a place in a plan's
  // clause is the plan's, not that of an event told outside it.
  const inOtherPlan = (p: { tokStart: number }) =>
    f.planClauses.some(
      (c) =>
        c.start <= p.tokStart &&
        p.tokStart < c.end &&
        !(c.start <= trigger.tokStart && trigger.tokStart < c.end),
    );
  const told = f.places.filter((p) => !opensAsDateline(f, p) && !inOtherPlan(p));
  return [...(told.length > 0 ? told : f.places.filter((p) => !inOtherPlan(p)))].sort(
    (a, b) =>
      distance(a, trigger) - distance(b, trigger) ||
      Number(b.tokStart >= trigger.tokStart) - Number(a.tokStart >= trigger.tokStart),
  )[0];
}

/**
 * The dyad country a visit goes to: named right after its trigger ("visite officielle au Maroc",
 * "an official visit to the Kingdom").
 */
function destinationOf(kb: KnowledgeIndex, f: SentenceFacts, trigger: TriggerHit): string | undefined {
  const hit = f.entities.find(
    (e) =>
      e.start >= trigger.tokEnd &&
      e.start - trigger.tokEnd <= 4 &&
      e.payloads.some(
        (p) => p.kind === 'country' && kb.dyad.includes(p.code) && (p.form === 'name' || p.form === 'style'),
      ),
  );
  const payload = hit?.payloads.find((p) => p.kind === 'country');
  return payload?.kind === 'country' ? payload.code : undefined;
}

/**
 * Where a sentence's events took place: a visit at its destination; a meeting at the place nearest
 * its trigger, else where the gathering that dates it was held; a document or other act at a place
 * named close to it.
 */
export function placeEvents(
  kb: KnowledgeIndex,
  f: SentenceFacts,
  out: readonly Candidate[],
  interaction: Candidate | undefined,
  sentence: number,
): void {
  for (const visit of out.filter(
    (c) => c.type === 'official_visit' && c.trigger.type !== 'reception' && !c.location,
  )) {
    // "A visit to Kazakhstan": a city of it named in the sentence or the country itself, by its
    // English name — not the visitors' home city named beside them.
    const destination = destinationOf(kb, f, visit.trigger);
    const city = destination && f.places.find((p) => p.country === destination);
    const name = destination ? kb.countryNames.get(destination) : undefined;
    if (city) visit.location = { name: city.name, country: city.country, sentence };
    else if (destination && name) visit.location = { name, country: destination, sentence };
  }
  if (interaction && !interaction.location) {
    // "On Wednesday in Rabat he held talks … between Almaty and Casablanca": Rabat.
    const place = nearestPlace(f, interaction.trigger);
    const gatheringPlace = interaction.date?.hit.place;
    if (place) interaction.location = { name: place.name, country: place.country, sentence };
    else if (gatheringPlace) {
      const known = kb.places.get(gatheringPlace);
      interaction.location = { name: gatheringPlace, country: known?.country ?? '', sentence };
    }
  }
  // "Le Kazakhstan a expédié son premier lot de céréales vers le Maroc": a shipment takes place
  // where it leaves, at a city of that side the sentence names, else in the country.
  const sender = f.shipmentFrom;
  const senderName = sender ? kb.countryNames.get(sender) : undefined;
  if (sender && senderName)
    for (const c of out) {
      if (c.type !== 'other' || c.location) continue;
      const city = f.places.find((p) => p.country === sender);
      c.location = city
        ? { name: city.name, country: city.country, sentence }
        : { name: senderName, country: sender, sentence };
    }
  // "Signed in Rabat", "issued in Astana".
  for (const c of out) {
    if (c === interaction || c.location) continue;
    const near = nearestPlace(f, c.trigger);
    if (near && distance(near, c.trigger) <= PLACE_REACH)
      c.location = { name: near.name, country: near.country, sentence };
  }
}
