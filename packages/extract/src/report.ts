/**
 * Report building: an assembled event turned into the contract's report, its people resolved at the
 * event's date, every field with the sentence it was read from.
 */
import {
  type Agreement,
  type EventReport,
  type Evidence,
  eventTypeFacts,
  type Participant,
  type RoleReference,
} from '@dyad/contracts';
import type { EventLanguage } from '@dyad/knowledge';
import type { SentenceFacts } from './analyse.ts';
import { type Assembled, GENERIC_DOCUMENT } from './assembled.ts';
import { partialDateRange } from './date-math.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import {
  counterpartHolder,
  everHolders,
  type PersonHit,
  resolveRole,
  roleHolders,
  sameName,
  unknownId,
} from './people.ts';

/** The knowledge-base people an article names by name: who "the Kazakh minister" further on may be. */
export function namedPeople(facts: readonly SentenceFacts[]): Set<string> {
  return new Set(
    facts.flatMap((f) => f.people.flatMap((p) => (p.how === 'name' && p.actorId ? [p.actorId] : []))),
  );
}

/** Turns an assembled event into the contract's report, with evidence for every field. */
export function toReport(
  kb: KnowledgeIndex,
  lang: EventLanguage,
  facts: readonly SentenceFacts[],
  e: Assembled,
  mainTopicsFrom: ReadonlySet<number>,
  namedInArticle: ReadonlySet<string>,
): EventReport | null {
  const evidence: Evidence[] = [];
  const cite = (field: string, sentence: number) => {
    const s = facts[sentence]?.sentence;
    if (s && !evidence.some((x) => x.field === field))
      evidence.push({ field, text: s.text, start: s.start, end: s.end });
  };
  const c = e.candidate;
  cite('type', c.sentence);
  const dateSentence =
    e.merged.find((m) => m.date)?.date?.sentence ?? c.datedBy?.date?.sentence ?? c.sentence;
  if (e.fromArticle && e.date) evidence.push({ field: 'date:article', text: '', start: 0, end: 0 });
  else if (e.date) cite('date', dateSentence);
  const dateForRoles = e.date?.value;
  const people = peopleOf(kb, lang, e, dateForRoles, namedInArticle);
  const { references } = people;
  // A position of one side told in a sentence about a meeting ("Russia is ready to help the Egyptian
  // military, Shoigu said at a meeting with President Sisi"): voiced by that side's people only.
  // Nor by the other side's people it names ("Kazakhstan praised the leading role of the Moroccan
  // King"): with none of its own there, those of its side at the event it was stated at (below).
  const participants = c.statedBy
    ? people.participants.filter((p) => p.country === c.statedBy)
    : people.participants;
  // No evidence cited for the people left out.
  const voicing = new Set(participants.map((p) => p.actorId));
  const cited = people.cited.filter((x) => {
    const id = /^participants\[([^\]]+)\]/.exec(x.field)?.[1];
    return id === undefined || voicing.has(id);
  });
  // A position stated at a meeting or a visit, by a side the sentence names and no one: the people
  // of that side who were there ("Kazakhstan reiterated its support" during Nurtleu's visit).
  const side = c.type === 'policy_statement' ? (c.statedBy ?? statingSide(kb, facts, c.sentence)) : undefined;
  if (participants.length === 0 && e.speakerFrom && side) {
    const there = peopleOf(kb, lang, e.speakerFrom, dateForRoles, namedInArticle);
    for (const p of there.participants.filter((x) => x.country === side)) {
      participants.push(p);
      cited.push({ field: `participants[${p.actorId}]:speaker`, sentence: c.sentence });
    }
  }
  // Talks within a visit that name only one side ("he was received by the head of government"):
  // the visitors of the other side were there.
  if (e.sidesFrom && participants.length > 0) {
    const sides = new Set(participants.map((p) => p.country));
    const visit = peopleOf(kb, lang, e.sidesFrom, e.sidesFrom.date?.value, namedInArticle);
    for (const p of visit.participants.filter((x) => !sides.has(x.country))) {
      participants.push(p);
      cited.push({ field: `participants[${p.actorId}]:visitor`, sentence: e.sidesFrom.candidate.sentence });
    }
  }
  const seen = new Set(participants.map((p) => p.actorId));
  for (const x of cited) cite(x.field, x.sentence);
  // "The minister" beside a named minister is most likely that minister: no reference then.
  const open = references.filter((r) => !r.reference.candidates.some((id) => seen.has(id)));
  for (const r of open) cite(`references[${r.reference.office}]`, r.sentence);
  // A document adopted during a meeting or a visit was adopted where it took place; a position
  // stated there, stated there.
  const location =
    e.merged.map((m) => m.location).find((l) => l?.country) ??
    e.peopleFrom?.merged.map((m) => m.location).find((l) => l?.country) ??
    e.speakerFrom?.merged.map((m) => m.location).find((l) => l?.country);
  if (location) cite('location', location.sentence);
  const topics = new Set<string>();
  const sentences = new Set(e.merged.flatMap((m) => [...m.sentences]));
  if (e.main && e.candidate === e.merged[0] && mainTopicsFrom.size > 0)
    for (const s of mainTopicsFrom) sentences.add(s);
  for (const s of [...sentences].sort((a, b) => a - b)) {
    for (const t of facts[s]?.topics ?? []) {
      if (!topics.has(t)) cite(`topics[${t}]`, s);
      topics.add(t);
    }
  }
  const agreements: Agreement[] = [];
  const named = e.merged.some((m) => m.agreements.some((a) => a.name !== GENERIC_DOCUMENT));
  for (const m of e.merged) {
    for (const a of m.agreements) {
      // "the agreement" beside its full name is that one.
      if (agreements.some((x) => x.name === a.name) || (named && a.name === GENERIC_DOCUMENT)) continue;
      agreements.push({
        name: a.name,
        status: a.status,
        ...(a.status !== 'planned' && e.date ? { date: e.date.value } : {}),
      });
      cite(`agreements[${a.name}]`, a.sentence);
    }
  }
  if (agreements.some((a) => a.name === 'visa waiver agreement')) topics.add('visa');
  if (c.type === 'parliamentary_meeting') topics.add('parliament');
  const names = participants.map((p) => p.names.en ?? p.name);
  const summary = `${eventTypeFacts[c.type].label.en}${names.length ? `: ${names.join(', ')}` : ''}${location ? ` (${location.name})` : ''}`;
  return {
    type: c.type,
    cameo: eventTypeFacts[c.type].cameo,
    date: e.date
      ? {
          value: e.date.value,
          ...(e.date.end ? { end: e.date.end } : {}),
          precision: e.date.precision,
          source: e.date.source,
        }
      : null,
    ...(location ? { location: { name: location.name, country: location.country } } : {}),
    participants,
    ...(open.length ? { references: open.map((r) => r.reference) } : {}),
    topics: [...topics].sort(),
    agreements,
    main: e.main,
    summary,
    evidence,
  };
}

/** The people of an event (its own sentences', and those of the event it shares them with). */
function peopleOf(
  kb: KnowledgeIndex,
  lang: EventLanguage,
  e: Assembled,
  dateForRoles: string | undefined,
  namedInArticle: ReadonlySet<string>,
): {
  participants: Participant[];
  references: { reference: RoleReference; sentence: number }[];
  cited: { field: string; sentence: number }[];
} {
  const participants: Participant[] = [];
  const references: { reference: RoleReference; sentence: number }[] = [];
  const cited: { field: string; sentence: number }[] = [];
  const seen = new Set<string>();
  for (const m of [...e.merged, ...(e.peopleFrom?.merged ?? [])]) {
    for (const { person, sentence } of m.people) {
      const p = participant(kb, lang, person, dateForRoles, namedInArticle);
      if (!p) continue;
      if ('reference' in p) {
        const key = p.reference.candidates.join(',');
        if (!references.some((r) => r.reference.candidates.join(',') === key))
          references.push({ reference: p.reference, sentence });
        continue;
      }
      if (seen.has(p.participant.actorId)) continue;
      seen.add(p.participant.actorId);
      participants.push(p.participant);
      cited.push({ field: `participants[${p.participant.actorId}]${p.byRole ? ':by-role' : ''}`, sentence });
    }
  }
  return { participants, references, cited };
}

/** The side whose position a sentence states: the first of the dyad it names ("Kazakhstan reiterated its support for Morocco's …"). */
function statingSide(
  kb: KnowledgeIndex,
  facts: readonly SentenceFacts[],
  sentence: number,
): string | undefined {
  return [...(facts[sentence]?.countries ?? [])].find((c) => kb.dyad.includes(c));
}

function participant(
  kb: KnowledgeIndex,
  lang: EventLanguage,
  person: PersonHit,
  date: string | undefined,
  namedInArticle: ReadonlySet<string>,
): { participant: Participant; byRole: boolean } | { reference: RoleReference } | null {
  const [a, b] = kb.dyad;
  let id = person.actorId;
  let byRole = false;
  if (!id && person.how === 'unknown' && person.office && person.country && person.name) {
    // "the Kazakh ambassador, Saulekol Saïlaoukiéva": the office holder, if the name is a spelling of hers.
    const toCountry =
      person.toCountry ?? (person.office === 'ambassador' ? (person.country === a ? b : a) : undefined);
    // At the event's date the office has one holder to check the name against; undated, the name
    // picks among everyone who ever held it.
    const phrase = { ...person, ...(toCountry ? { toCountry } : {}) };
    const holders = date
      ? [resolveRole(kb, phrase, date)].filter((h) => h !== undefined)
      : everHolders(kb, phrase);
    const named = holders.filter((h) => {
      const actor = kb.actors.get(h);
      return actor !== undefined && sameName(person.name ?? '', Object.values(actor.names).flat());
    });
    if (named.length === 1) {
      id = named[0];
      byRole = true;
    }
  }
  if (!id && person.how === 'counterpart' && date) {
    id = counterpartHolder(kb, person, date);
    byRole = id !== undefined;
  }
  if (!id && person.how === 'role') {
    const toCountry =
      person.toCountry ??
      (person.office === 'ambassador' && person.country ? (person.country === a ? b : a) : undefined);
    const phrase = { ...person, ...(toCountry ? { toCountry } : {}) };
    const holders = roleHolders(kb, phrase, date);
    // "Murat Nurtleu … the Kazakh Deputy Prime Minister, currently on an official visit": of those
    // who held the office then (or ever, when the article gives no date), the one the article names.
    const named = (date ? holders : everHolders(kb, phrase)).filter((h) => namedInArticle.has(h));
    if (holders.length === 1) {
      id = holders[0];
      byRole = true;
    } else if (named.length === 1) {
      id = named[0];
      byRole = true;
    } else if (holders.length > 1 && !person.country && person.office) {
      return { reference: { office: person.office, candidates: holders } };
    }
  }
  if (id) {
    const actor = kb.actors.get(id);
    if (!actor) return null;
    const names = {
      ...(actor.names.ar?.[0] ? { ar: actor.names.ar[0] } : {}),
      ...(actor.names.fr?.[0] ? { fr: actor.names.fr[0] } : {}),
      ...(actor.names.en?.[0] ? { en: actor.names.en[0] } : {}),
      ...(actor.names.ru?.[0] ? { ru: actor.names.ru[0] } : {}),
    };
    const role =
      person.office ??
      (date
        ? actor.roles.find((r) => partialDateRange(date).first >= (r.from ?? '0000'))?.office
        : undefined);
    return {
      participant: {
        actorId: id,
        name: (lang === 'kk' ? actor.names.kk?.[0] : names[lang]) ?? names.en ?? id,
        names,
        ...(role ? { role } : {}),
        country: actor.country,
      },
      byRole,
    };
  }
  if (person.how === 'unknown' && person.name && person.country && kb.dyad.includes(person.country)) {
    return {
      participant: {
        actorId: unknownId(person.name),
        name: person.name,
        names: { [lang]: person.name },
        ...(person.office ? { role: person.office } : {}),
        country: person.country,
      },
      byRole: false,
    };
  }
  return null;
}
