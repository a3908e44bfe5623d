import { type Actor, roleCovers } from '@dyad/knowledge';
import { type Match, matchKey, type Token } from '@dyad/text';
import { partialDateRange } from './date-math.ts';
import type { EntityHit, KnowledgeIndex } from './knowledge-index.ts';

/** A person named or described in a sentence. */
export interface PersonHit {
  readonly tokStart: number;
  readonly tokEnd: number;
  /** Knowledge-base id, when named. */
  actorId?: string;
  /** The office a role phrase gives them (a lexicon office key), and whose. */
  office?: string;
  country?: string;
  toCountry?: string;
  /** As written, for a person the knowledge base does not know. */
  name?: string;
  /** Where that name ends (its last word, often the surname the article names them by later). */
  nameEnd?: number;
  how: 'name' | 'role' | 'unknown' | 'counterpart';
  /** For "his Kazakh counterpart": the person whose counterpart this is. */
  counterpartOf?: PersonHit;
  /** Where the whole phrase starts, when a role before the name belongs to it. */
  phraseStart?: number;
  /** Named after "on behalf of", "announced by"…: talked about, not present. */
  mentioned?: boolean;
}

/**
 * Offices held in the other country, for one's own: an ambassador, and a consul ("القنصل العام
 * الروسي بالإسكندرية"). Calling on an official of the host country, one pays a courtesy visit.
 */
export const POSTED_ABROAD: ReadonlySet<string> = new Set(['ambassador', 'consul']);

// Role phrases too vague to resolve to one person without a name.
const UNRESOLVABLE = new Set([
  'minister',
  'official',
  'parliamentarian',
  'deputy-speaker',
  'friendship-group-chair',
  'committee-chair',
  'parliament-speaker',
]);
const COMMA = /[,،;:(«"“]/;
const BOUNDARY = /[,،;:()«»"“”.!?]/;
// How far after an office its country and host country may be named: "Ambassador of the Republic
// of Kazakhstan to Morocco".
const ROLE_REACH = 8;

type Hits = readonly Match<EntityHit>[];

/** Whether token `at` is the "s" of an English possessive ("Egypt's efforts": Egypt, s, efforts). */
export function possessiveAt(tokens: readonly Token[], at: number): boolean {
  return tokens[at]?.text.toLowerCase() === 's';
}

/** Where a sentence's words of speech and stance begin: no office's phrase runs over them. */
export interface SpeechWords {
  /** "praised", "said", "positions": the office's phrase has ended before them. */
  readonly ends: ReadonlySet<number>;
  /** "positions", "efforts": a country right before one is its owner ("the Kazakh efforts"). */
  readonly stances: ReadonlySet<number>;
}
const NO_SPEECH_WORDS: SpeechWords = { ends: new Set(), stances: new Set() };

function countryAt(hits: Hits, index: number): string | undefined {
  const h = hits.find((x) => x.start === index);
  for (const p of h?.payloads ?? []) {
    if (p.kind === 'country') return p.code;
    if (p.kind === 'place') return p.country;
  }
  return undefined;
}

/**
 * The country a word before a role may qualify it with: its name or adjective ("Kazakh Foreign
 * Minister", "Morocco's ambassador"), never a city or capital, which says where things happen
 * ("… à Rabat avec le président de l'association", "بالرباط مع رئيس الإدارة").
 */
function qualifyingCountryAt(hits: Hits, index: number): string | undefined {
  const h = hits.find((x) => x.start === index);
  for (const p of h?.payloads ?? [])
    if (p.kind === 'country' && (p.form === 'name' || p.form === 'demonym' || p.form === 'style'))
      return p.code;
  return undefined;
}

function hitAt(hits: Hits, index: number): Match<EntityHit> | undefined {
  return hits.find((h) => h.start === index);
}

/**
 * How a language writes people and their offices (its lexicon's lists, folded): where a role's
 * country stands, the words that link an office to its country or to a host country, the words
 * that are never names, and those that make a name a body's ("the Mohammed VI Institute").
 */
export interface PeopleGrammar {
  readonly countryBeforeRole: boolean;
  readonly hostForm: (token: Token) => boolean;
  readonly possessorForm: (token: Token) => boolean;
  readonly hostWords: ReadonlySet<string>;
  readonly officeLinks: ReadonlySet<string>;
  readonly notNames: ReadonlySet<string>;
  /** "and", or an office written with Arabic "and" on it (see LanguageIndex.conjoined). */
  readonly conjoined: (token: Token) => boolean;
  readonly institutions: ReadonlySet<string>;
  readonly pluralOffices: ReadonlySet<string>;
}
// How far before a role its owner's country may stand: "Қазақстанның Марокко Корольдігіндегі
// Төтенше және өкілетті елшісі" (Kazakhstan's Ambassador Extraordinary and Plenipotentiary in Morocco).
const ROLE_REACH_BEFORE = 6;
// How far after "and" another person's counterpart word may begin ("and his Moroccan counterpart").
const CONJOINED_REACH = 3;

/**
 * "Қазақстан Сыртқы істер министрі", "Қазақстанның Мароккодағы елшісі": where a role's country
 * stands before it, the nearest one not in the host case owns the office, and one in the host case
 * is where an ambassador serves. A country after the role belongs to the next phrase.
 */
function countryBeforeRole(
  tokens: readonly Token[],
  hits: Hits,
  h: Match<EntityHit>,
  order: PeopleGrammar,
): { country?: string; toCountry?: string; end: number } {
  let country: string | undefined;
  let toCountry: string | undefined;
  for (let k = h.start - 1; k >= Math.max(0, h.start - ROLE_REACH_BEFORE); k--) {
    if (COMMA.test(tokens[k + 1]?.gapBefore ?? '')) break;
    const hit = hits.find((x) => x.end === k + 1);
    const c = hit ? countryAt(hits, hit.start) : undefined;
    if (!hit || !c) {
      if (hit?.payloads.some((p) => p.kind === 'actor' || p.kind === 'trigger')) break;
      continue;
    }
    const t = tokens[k];
    if (t && order.hostForm(t)) {
      toCountry ??= c;
      k = hit.start;
      continue;
    }
    country = c;
    break;
  }
  return { ...(country ? { country } : {}), ...(toCountry ? { toCountry } : {}), end: h.end };
}

/** The country (and, for an ambassador, the host country) a role phrase is qualified by. */
function roleCountry(
  tokens: readonly Token[],
  hits: Hits,
  h: Match<EntityHit>,
  order: PeopleGrammar,
  { ends, stances }: SpeechWords,
): { country?: string; toCountry?: string; end: number } {
  if (order.countryBeforeRole) return countryBeforeRole(tokens, hits, h, order);
  let country: string | undefined;
  let toCountry: string | undefined;
  let end = h.end;
  let sawTo = false;
  let elsewhere = false;
  // Whether the words right after the office say whose it is ("رئيس الإدارة الدينية": the head of
  // the religious administration), before any country or "to": then no country is the office's.
  let ofSomethingElse = false;
  // Only a one-word title ("president", "رئيس") heads offices of anything; "chair of the
  // Morocco–Kazakhstan friendship group" is the friendship group's, whatever words come between.
  const generic = h.end - h.start === 1;
  for (let k = h.end; k < Math.min(tokens.length, h.end + ROLE_REACH); ) {
    const t = tokens[k];
    if (!t || (k > h.end && COMMA.test(t.gapBefore))) break;
    // "أشاد رئيس مجلس النواب بالمواقف الروسية", "the Egyptian Foreign Minister expressed his
    // welcome for the Russian side": the country after a word of speech or stance is not the office's.
    if (ends.has(k)) break;
    const hit = hitAt(hits, k);
    const c = hit ? countryAt(hits, k) : undefined;
    // "… praised the Kazakh efforts", "… Kazakhstan's efforts": the stance's owner.
    const ownsStance =
      hit !== undefined &&
      (stances.has(hit.end) || (stances.has(hit.end + 1) && possessiveAt(tokens, hit.end)));
    if (c && ownsStance) break;
    if (c) {
      if (!country && !sawTo && !elsewhere) country = c;
      else if (!toCountry && c !== country && sawTo) toCountry = c;
      else if (elsewhere) break;
      end = hit?.end ?? k + 1;
      k = end;
      continue;
    }
    if (hit?.payloads.some((p) => p.kind === 'actor' || p.kind === 'trigger')) break;
    // "entre le ministre kazakh des Affaires étrangères et son homologue marocain", "the Kazakh
    // Minister of Foreign Affairs and his Moroccan counterpart": "and" before a counterpart word, or
    // the word itself, starts another person's phrase; the country after is theirs. Not "and" before
    // an office: "Deputy Prime Minister and Minister of National Economy of Kazakhstan" is one person.
    if (hit?.payloads.some((p) => p.kind === 'counterpart')) break;
    if (
      order.conjoined(t) &&
      hits.some(
        (x) =>
          x.start > k && x.start - k <= CONJOINED_REACH && x.payloads.some((p) => p.kind === 'counterpart'),
      )
    )
      break;
    // Once the office has its country, another office starts another person's phrase: "رئيس مجلس
    // المستشارين بالرباط السفير …" (the speaker received the ambassador). Before it, offices stack
    // on one person: "نائب رئيس الوزراء وزير الاقتصاد الوطني بجمهورية كازاخستان، سيريك جومانغارين".
    if (country && hit?.payloads.some((p) => p.kind === 'office')) break;
    if (order.hostWords.has(t.keys[0] ?? '')) sawTo = true;
    else if (t.script === 'digit') break;
    // "رئيس مجلس جهة الدار البيضاء", "président du conseil régional de Casablanca": the office is
    // of something else; a country named after it does not say whose the office is.
    else if (generic && !order.officeLinks.has(t.keys[0] ?? '')) {
      ofSomethingElse ||= !country && !toCountry && !sawTo;
      elsewhere = true;
    }
    k++;
  }
  // "Kazakh Foreign Minister", "казахстанский посол": the country before the role — unless the
  // role is of something else.
  // "the Egyptian Ambassador on 8 October": the country right before the office is its own, whatever
  // follows it.
  if (!country && ofSomethingElse) country = qualifyingCountryAt(hits, h.start - 1);
  if (!country && !ofSomethingElse) {
    for (let k = h.start - 1; k >= Math.max(0, h.start - 2); k--) {
      const c = qualifyingCountryAt(hits, k);
      if (c) {
        country = c;
        break;
      }
    }
  }
  return { ...(country ? { country } : {}), ...(toCountry ? { toCountry } : {}), end };
}

/** Name tokens not claimed by any phrase: up to four, stopping at punctuation. */
function nameAt(
  tokens: readonly Token[],
  hits: Hits,
  from: number,
  dir: 1 | -1,
  notNames: ReadonlySet<string>,
): { start: number; end: number } | null {
  const claimed = (k: number) => hits.some((h) => k >= h.start && k < h.end);
  const picked: number[] = [];
  // Read backwards, a clause word before the name ("عبّر عبد القادر الطاهر، رئيس …") is where the
  // name starts, as punctuation would be.
  let clauseBefore = false;
  for (let k = from; k >= 0 && k < tokens.length && picked.length < 4; k += dir) {
    const t = tokens[k];
    if (!t || t.script === 'digit' || claimed(k)) break;
    if (picked.length > 0 && COMMA.test(dir === 1 ? t.gapBefore : (tokens[k + 1]?.gapBefore ?? ''))) break;
    // In Latin and Cyrillic script a name is capitalised.
    if (t.script !== 'arabic' && !t.upper) break;
    if (t.script === 'arabic' && t.keys.some((key) => notNames.has(key) || notNames.has(`ال${key}`))) {
      if (dir === -1 && picked.length >= 2) {
        clauseBefore = true;
        break;
      }
      return null;
    }
    picked.push(k);
  }
  // An apposed name is bounded: it ends (or, read backwards, starts) at punctuation or the sentence's edge.
  const last = dir === 1 ? Math.max(...picked) : Math.min(...picked);
  const edge = dir === 1 ? tokens[last + 1] : tokens[last];
  const arabicName = picked.some((k) => tokens[k]?.script === 'arabic');
  if (arabicName && edge && !BOUNDARY.test(edge.gapBefore) && dir === 1 && !claimed(last + 1)) return null;
  if (arabicName && dir === -1 && last > 0 && !clauseBefore && !BOUNDARY.test(tokens[last]?.gapBefore ?? ''))
    return null;
  if (
    picked.length < 2 &&
    !(picked.length === 1 && (tokens[picked[0] ?? -1]?.script ?? 'arabic') !== 'arabic')
  )
    return null;
  const a = Math.min(...picked);
  const b = Math.max(...picked) + 1;
  return { start: a, end: b };
}

// How many words an office's portfolio may take between the office and its holder's name: "по
// международным делам", "du Tourisme et de l'Artisanat".
const PORTFOLIO_REACH = 8;

/**
 * The holder's name after an office's portfolio, in Latin or Cyrillic script: "председатель комитета
 * Госдумы по международным делам Леонид Слуцкий" (lower-case words, then a name of two words at
 * least), "la ministre du Tourisme, Fatima Ammor," (the portfolio ends at a comma, and the name at
 * punctuation). Not "the minister of Tourism said": no name of two words.
 */
function afterPortfolio(
  tokens: readonly Token[],
  hits: Hits,
  end: number,
  order: PeopleGrammar,
): { start: number; end: number } | null {
  const claimed = (k: number) => hits.some((h) => k >= h.start && k < h.end);
  for (let k = end; k < tokens.length && k - end < PORTFOLIO_REACH; k++) {
    const t = tokens[k];
    if (!t || t.script === 'digit' || t.script === 'arabic') return null;
    const commaBefore = k > end && COMMA.test(t.gapBefore);
    // Russian writes a portfolio in lower case; English and French capitalise it, so there only a
    // comma tells where it ends.
    const lowerBefore =
      t.script === 'cyrillic' &&
      k > end &&
      tokens.slice(end, k).every((x, n) => !x.upper && !claimed(end + n));
    if (t.upper && (commaBefore || lowerBefore)) {
      const name = nameAt(tokens, hits, k, 1, order.notNames);
      const next = name ? tokens[name.end] : undefined;
      const bounded = !commaBefore || !next || BOUNDARY.test(next.gapBefore);
      if (name && name.end - name.start >= 2 && bounded) return name;
    }
    if (commaBefore || claimed(k)) return null;
  }
  return null;
}

function surface(tokens: readonly Token[], start: number, end: number, text: string, offset: number): string {
  const s = tokens[start];
  const e = tokens[end - 1];
  return s && e ? text.slice(s.start - offset, e.end - offset) : '';
}

/** People in one sentence: named actors, role phrases (with their country), and unknown titled persons. */
export function findPeople(
  kb: KnowledgeIndex,
  tokens: readonly Token[],
  hits: Hits,
  text: string,
  offset: number,
  order: PeopleGrammar,
  words: SpeechWords = NO_SPEECH_WORDS,
): PersonHit[] {
  const people: PersonHit[] = [];
  const actorHits = hits.filter((h) => h.payloads.some((p) => p.kind === 'actor'));
  // "the Mohammed VI Institute", "l'Institut Mohammed VI", "معهد محمد السادس": a body named after
  // someone, not that person.
  const institutionAt = (k: number) => tokens[k]?.keys.some((key) => order.institutions.has(key)) === true;
  for (const h of actorHits) {
    const p = h.payloads.find((x) => x.kind === 'actor');
    if (p?.kind !== 'actor') continue;
    const actor = kb.actors.get(p.id);
    if (!actor || institutionAt(h.start - 1) || institutionAt(h.end)) continue;
    // A short form next to a run of name words is still that person ("ييرلان جكانوفيتش كوشانوف").
    people.push({ tokStart: h.start, tokEnd: h.end, actorId: p.id, country: actor.country, how: 'name' });
  }
  // Titles first: "السيد هشام أقمحي", "M. Dupont", "г-н Иванов" claim their names.
  for (const h of hits) {
    if (!h.payloads.some((p) => p.kind === 'title')) continue;
    if (people.some((q) => q.tokStart >= h.end && q.tokStart - h.end <= 1)) continue;
    const name = nameAt(tokens, hits, h.end, 1, order.notNames);
    if (!name) continue;
    const accompanied = hits.some(
      (x) => x.end <= h.start && h.start - x.end <= 1 && x.payloads.some((p) => p.kind === 'accompanied'),
    );
    const previous = people.filter((q) => q.tokEnd <= h.start && q.country).at(-1);
    const titled = surface(tokens, name.start, name.end, text, offset);
    const actor = kb.actors.get(knownBySpelling(kb, titled) ?? '');
    if (actor) {
      people.push({
        tokStart: h.start,
        tokEnd: name.end,
        actorId: actor.id,
        country: actor.country,
        how: 'name',
      });
      continue;
    }
    people.push({
      tokStart: h.start,
      tokEnd: name.end,
      name: titled,
      nameEnd: name.end,
      how: 'unknown',
      ...(accompanied && previous?.country ? { country: previous.country } : {}),
    });
  }
  const entityAt = (k: number) => hits.some((h) => k >= h.start && k < h.end);
  // The holder of an office is the name right after it ("Foreign Minister Nasser Bourita"), or a
  // name before it set off by a comma ("Bourita, ministre …", one word may stand between). A name
  // before an office with no comma is someone else: "استقبال أزولاي لسفيرة كازاخستان" (Azoulay's
  // reception of the ambassador), "Bourita met Kazakh Ambassador …"; and a place between them
  // parts them too ("بوريطة بالرباط سفيرة كازاخستان"); and so does "and" ("Хамди Шабан, и
  // заместитель министра …", "حمدي شعبان، ونائب وزير الخارجية": two people).
  const conjoinedAt = (k: number) => tokens[k] !== undefined && order.conjoined(tokens[k]);
  const nearActor = (a: number, b: number) =>
    people.find(
      (q) =>
        (q.how === 'name' || q.how === 'unknown') &&
        ((q.tokEnd <= a &&
          COMMA.test(tokens[q.tokEnd]?.gapBefore ?? '') &&
          !conjoinedAt(q.tokEnd) &&
          (a === q.tokEnd || (a - q.tokEnd === 1 && !entityAt(q.tokEnd)))) ||
          (q.tokStart >= b && q.tokStart - b === 0)),
    );
  for (const h of hits) {
    const p = h.payloads.find((x) => x.kind === 'office');
    if (p?.kind !== 'office') continue;
    // "the BRICS foreign ministers' meeting", "la réunion des ministres": a group, no one person.
    if (
      tokens.slice(h.start, h.end).some((t) => order.pluralOffices.has(t.text.normalize('NFC').toLowerCase()))
    )
      continue;
    const { country, toCountry, end } = roleCountry(tokens, hits, h, order, words);
    // An institution of one country (the House of Councillors) says whose office it is; else the
    // country named with the role; else, for "the ambassador to Morocco", the other side.
    const who =
      p.country ??
      country ??
      (POSTED_ABROAD.has(p.office) && toCountry && kb.dyad.includes(toCountry)
        ? kb.dyad.find((c) => c !== toCountry)
        : undefined);
    const named = nearActor(h.start, end);
    if (named) {
      named.office ??= p.office;
      named.phraseStart = Math.min(named.phraseStart ?? named.tokStart, h.start);
      if (named.how === 'unknown' && who) named.country ??= who;
      continue;
    }
    const claimed = (k: number) => people.some((q) => k >= q.tokStart && k < q.tokEnd);
    // "the Kazakh ambassador, Saulekul Sailaukyzy" and, as often, with no comma: "سفيرة كازاخستان
    // سولكول سايلاوكيزي", "посол Казахстана Саулекуль Сайлаукызы" (a name is capitalised in Latin and
    // Cyrillic, and ends at punctuation in Arabic: see nameAt).
    // "Президентінің Әкімшілігі Басшысы": a role in the genitive owns what follows, not a name.
    const last = tokens[end - 1];
    const owns = order.countryBeforeRole && last !== undefined && order.possessorForm(last);
    const written = !claimed(end) && !owns ? nameAt(tokens, hits, end, 1, order.notNames) : null;
    // "с Президентом Египта Абдельфаттахом Сиси": a given name spelt otherwise than the knowledge
    // base spells it, right before a name it knows, is that person's, and so is the office.
    const known = written && people.find((q) => q.how === 'name' && q.tokStart === written.end);
    if (known) {
      known.office ??= p.office;
      known.phraseStart = Math.min(known.phraseStart ?? known.tokStart, h.start);
      continue;
    }
    // With no comma, an Arabic run of words after an office is a name only when it is the spelling
    // of someone the knowledge base knows ("سفيرة كازاخستان سولكول سايلاوكيزي"): without capitals,
    // "وزير الخارجية بخصوص قضية الصحراء" reads the same.
    const bareArabic =
      written !== null &&
      !COMMA.test(tokens[end]?.gapBefore ?? '') &&
      tokens[written.start]?.script === 'arabic' &&
      !knownNameSkeletons(kb).has(
        firstNameSkeleton(surface(tokens, written.start, written.end, text, offset)),
      );
    const after = bareArabic ? null : written;
    const before =
      !after && COMMA.test(tokens[h.start]?.gapBefore ?? '') && !conjoinedAt(h.start) && !claimed(h.start - 1)
        ? nameAt(tokens, hits, h.start - 1, -1, order.notNames)
        : null;
    const name =
      after ??
      before ??
      (!claimed(end) && !owns && tokens[end]?.script !== 'arabic'
        ? afterPortfolio(tokens, hits, end, order)
        : null) ??
      (!claimed(end) && tokens[end]?.script === 'arabic' ? knownRunAfter(kb, tokens, end, claimed) : null);
    const base = {
      office: p.office,
      ...(who ? { country: who } : {}),
      ...(toCountry ? { toCountry } : {}),
    };
    const holderName = name ? surface(tokens, name.start, name.end, text, offset) : '';
    const spelt = name ? kb.actors.get(knownBySpelling(kb, holderName) ?? '') : undefined;
    if (name && spelt) {
      // "السفيرة سوليكول سيلوكيزي": the ambassador Saulekul Sailaukyzy, spelt otherwise.
      people.push({
        tokStart: Math.min(name.start, h.start),
        tokEnd: Math.max(name.end, end),
        actorId: spelt.id,
        office: p.office,
        country: spelt.country,
        how: 'name',
      });
    } else if (name) {
      people.push({
        tokStart: Math.min(name.start, h.start),
        tokEnd: Math.max(name.end, end),
        name: holderName,
        nameEnd: name.end,
        how: 'unknown',
        ...base,
      });
    } else if (!UNRESOLVABLE.has(p.office) && (who || h.end - h.start >= 2)) {
      // An office named in full but with no country ("the foreign minister") may still tell who,
      // once the event's date and the holders on both sides are known.
      people.push({ tokStart: h.start, tokEnd: end, how: 'role', ...base });
    }
  }
  // "Bourita met his Kazakh counterpart": the holder, on the other side, of the office of the
  // person next to it (resolved at the event's date).
  for (const h of hits) {
    if (!h.payloads.some((p) => p.kind === 'counterpart')) continue;
    if (people.some((q) => h.start >= q.tokStart && h.start < q.tokEnd)) continue;
    const anchor =
      people.filter((q) => q.tokEnd <= h.start && q.how !== 'counterpart').at(-1) ??
      people.find((q) => q.tokStart >= h.end && q.how !== 'counterpart');
    if (!anchor?.country) continue;
    // "استقبل شكري نظيره وزير خارجية اليونان نيكوس ديندياس": the one named right after the word, of
    // a country told, is the counterpart, whichever country that is; the word begins their phrase.
    const namedAfter = people.find(
      (q) =>
        q !== anchor &&
        q.how !== 'counterpart' &&
        q.country !== undefined &&
        (q.phraseStart ?? q.tokStart) >= h.end &&
        (q.phraseStart ?? q.tokStart) - h.end <= 1,
    );
    if (namedAfter) {
      namedAfter.phraseStart = Math.min(namedAfter.phraseStart ?? namedAfter.tokStart, h.start);
      continue;
    }
    const { country, end } = roleCountry(tokens, hits, h, order, words);
    const side = country ?? kb.dyad.find((c) => c !== anchor.country);
    // "نظيره اليوناني": a counterpart of a third country is someone there all the same, of that country.
    if (!side || side === anchor.country) continue;
    people.push({ tokStart: h.start, tokEnd: end, how: 'counterpart', country: side, counterpartOf: anchor });
  }
  return people.sort((a, b) => a.tokStart - b.tokStart);
}

/**
 * A counterpart's holder: for each office the anchor holds at the date (the one the phrase gave
 * first), the one person holding it on the other side, if exactly one.
 */
export function counterpartHolder(kb: KnowledgeIndex, person: PersonHit, date: string): string | undefined {
  const anchor = person.counterpartOf;
  if (!anchor || !person.country) return undefined;
  const { first, last } = partialDateRange(date);
  const offices = anchor.office
    ? [anchor.office]
    : (kb.actors
        .get(anchor.actorId ?? '')
        ?.roles.filter((r) => roleCovers(r, first) || roleCovers(r, last))
        .map((r) => r.office) ?? []);
  for (const office of offices) {
    if (office === 'ambassador' || UNRESOLVABLE.has(office)) continue;
    const holders = roleHolders(kb, { ...person, office, how: 'role' }, date);
    if (holders.length === 1) return holders[0];
  }
  return undefined;
}

/**
 * Everyone in the knowledge base who held a role phrase's office on a date: of its country, or of
 * either side of the dyad when the phrase names none.
 */
export function roleHolders(kb: KnowledgeIndex, person: PersonHit, date: string | undefined): string[] {
  if (!person.office || !date) return [];
  const { first, last } = partialDateRange(date);
  return officeHolders(kb, person, (r) => roleCovers(r, first) || roleCovers(r, last));
}

/**
 * Everyone in the knowledge base who ever held a role phrase's office: for a person named with
 * their office in an undated article, whose name then tells which of them it is.
 */
export function everHolders(kb: KnowledgeIndex, person: PersonHit): string[] {
  return person.office ? officeHolders(kb, person, () => true) : [];
}

function officeHolders(
  kb: KnowledgeIndex,
  person: PersonHit,
  when: (role: Actor['roles'][number]) => boolean,
): string[] {
  const countries = person.country ? [person.country] : kb.dyad;
  return [...kb.actors.values()]
    .filter((a) =>
      a.roles.some(
        (r) =>
          r.office === person.office &&
          countries.includes(r.country) &&
          (r.office !== 'ambassador' ||
            (person.toCountry
              ? r.to_country === person.toCountry
              : r.to_country === undefined || kb.dyad.includes(r.to_country))) &&
          when(r),
      ),
    )
    .map((a) => a.id)
    .sort();
}

/** The one knowledge-base person holding an office on a date, or undefined when none or several. */
export function resolveRole(
  kb: KnowledgeIndex,
  person: PersonHit,
  date: string | undefined,
): string | undefined {
  if (!person.country) return undefined;
  const found = roleHolders(kb, person, date);
  return found.length === 1 ? found[0] : undefined;
}

export function unknownId(name: string): string {
  return `unknown:${matchKey(name)}`;
}

/**
 * Consonant skeleton of a word: spellings of one name across transliterations agree ("Saulekul",
 * "Saoulekoul"; "سولكول", "ساوليكول"). Vowels, long vowels and hamza seats go, and so does the
 * Arabic article.
 */
// One sound, two letters: Kazakh қ is written ق or ك in Arabic ("توقايف", "توكاييف"), q or k in
// Latin ("Toqayev", "Tokayev").
const ONE_SOUND: Readonly<Record<string, string>> = { ق: 'ك', қ: 'к', q: 'k' };

function skeleton(word: string): string {
  return matchKey(word)
    .replace(/^ال(?=...)/, '')
    .replace(/[aeiouyаеиоуыэюяьъйәіөұүыаاويىءؤئأإآة-]/g, '')
    .replace(/[قқq]/g, (c) => ONE_SOUND[c] ?? c)
    .replace(/(.)\1+/g, '$1');
}

/** The skeleton of a written name's first word ('' when too short to tell anyone apart). */
function firstNameSkeleton(written: string): string {
  const key = skeleton(written.split(/\s+/)[0] ?? '');
  return key.length < 3 ? '' : key;
}

/**
 * Whether a written name shares a first-name skeleton with one of the knowledge base's forms, and
 * its next word (the family name) begins as a word of that form does: "Saulekol Saïlaoukiéva" is
 * Saulekul Sailaukyzy spelt otherwise, but "ميخائيل جالوزين" (Mikhail Galuzin) is not Mikhail
 * Bogdanov, who held the same office. In Arabic the verb may have been read with the name it
 * precedes ("أثنت سوليكول سيلوكيزي، سفيرة كازاخستان": praised Saulekul Sailaukyzy): the second word
 * is then the first name.
 */
export function sameName(written: string, forms: readonly (string | undefined)[]): boolean {
  const words = written.split(/\s+/).filter((w) => w.length > 0);
  const starts = words.length >= 3 ? [0, 1] : [0];
  return starts.some((start) => {
    const key = firstNameSkeleton(words.slice(start).join(' '));
    if (key === '') return false;
    const family = words[start + 1] === undefined ? '' : skeleton(words[start + 1] ?? '');
    return forms.some((form) => {
      const formWords = (form ?? '').split(/\s+/).map(skeleton);
      const at = formWords.indexOf(key);
      if (at < 0) return false;
      return (
        family.length < FAMILY_PREFIX ||
        formWords.some((w, k) => k !== at && w.slice(0, FAMILY_PREFIX) === family.slice(0, FAMILY_PREFIX))
      );
    });
  });
}

/** How many consonants of a family name must agree for two spellings to be one person's. */
const FAMILY_PREFIX = 2;

// Known people by the skeletons of all the words of one of their names, per knowledge base.
const fullSkeletonsOf = new WeakMap<KnowledgeIndex, ReadonlyMap<string, ReadonlySet<string>>>();

/** The skeletons of a name's words, in order ('' for a name of fewer than two words). */
function fullSkeleton(name: string): string {
  const words = name.split(/\s+/).filter((w) => w.length > 0);
  const keys = words.map(skeleton);
  // Every word must keep two letters at least: "Mohammed V" and "Mohammed VI" differ by a vowel.
  return words.length < 2 || keys.some((k) => k.length < 2) ? '' : keys.join(' ');
}

/**
 * "السيد قاسم جومارت توقايف": a name of two words at least, written otherwise than the knowledge
 * base writes it but with the same skeleton in every word (ق for ك), is that one person.
 */
function knownBySpelling(kb: KnowledgeIndex, written: string): string | undefined {
  let index = fullSkeletonsOf.get(kb);
  if (!index) {
    const built = new Map<string, Set<string>>();
    for (const actor of kb.actors.values())
      for (const form of Object.values(actor.names).flat()) {
        const key = fullSkeleton(form ?? '');
        if (key) built.set(key, (built.get(key) ?? new Set()).add(actor.id));
      }
    index = built;
    fullSkeletonsOf.set(kb, index);
  }
  const key = fullSkeleton(written);
  const ids = key ? index.get(key) : undefined;
  return ids?.size === 1 ? [...ids][0] : undefined;
}

// How many words after an Arabic office may spell someone known: a first name and two surnames.
const KNOWN_RUN = 3;

/**
 * "السفيرة سوليكول سيلوكيزي تتحدث عن …": in Arabic no capital or comma ends the name after an office,
 * but the words that spell someone the knowledge base knows are that name (the longest such run).
 */
function knownRunAfter(
  kb: KnowledgeIndex,
  tokens: readonly Token[],
  end: number,
  claimed: (k: number) => boolean,
): { start: number; end: number } | null {
  for (let length = KNOWN_RUN; length >= 2; length--) {
    const run = tokens.slice(end, end + length);
    if (run.length < length || run.some((t, n) => t.script !== 'arabic' || claimed(end + n))) continue;
    if (knownBySpelling(kb, run.map((t) => t.text).join(' '))) return { start: end, end: end + length };
  }
  return null;
}

// The skeletons of every word of every known person's names, per knowledge base (derived once).
const skeletonsOf = new WeakMap<KnowledgeIndex, ReadonlySet<string>>();

function knownNameSkeletons(kb: KnowledgeIndex): ReadonlySet<string> {
  let known = skeletonsOf.get(kb);
  if (!known) {
    known = new Set(
      [...kb.actors.values()].flatMap((a) =>
        Object.values(a.names)
          .flat()
          .flatMap((f) => (f ?? '').split(/\s+/).map(skeleton)),
      ),
    );
    skeletonsOf.set(kb, known);
  }
  return known;
}
