import {
  type Actor,
  DEFAULT_PROFILE,
  type EventLanguage,
  type EventLexicon,
  eventLanguages,
  type Gathering,
  type KazakhInflection,
  loadActors,
  loadDatesLexicon,
  loadEventLexicon,
  loadGatherings,
  loadKazakhInflection,
  loadPlaces,
  loadProfile,
  loadThirdCountries,
  type Place,
  type Profile,
  type ThirdCountry,
  type TriggerType,
} from '@dyad/knowledge';
import { type Keying, kazakhStemmer, PhraseMatcher, phraseWordKey, type Token } from '@dyad/text';

export type RelWord =
  | 'today'
  | 'yesterday'
  | 'tomorrow'
  | 'past'
  | 'next'
  | 'current'
  | 'month'
  | 'year'
  | 'week'
  | 'vague';
export type CueKind =
  | 'support'
  | 'position'
  | 'parliamentary'
  | 'anaphora'
  | 'future'
  | 'denial'
  | 'delegation'
  | 'pair'
  | 'otherCountries'
  | 'mentioned'
  | 'relativeClause'
  | 'earlier'
  | 'sameDay'
  | 'sameYear'
  | 'transit'
  | 'summit'
  | 'shipment'
  | 'outcome'
  | 'purpose'
  | 'stance'
  | 'commitment'
  | 'discussion'
  | 'talksVerb'
  | 'handedOver'
  | 'inGeneral'
  | 'recalling'
  | 'accompanyingDelegation'
  | 'reporting'
  | 'possessive'
  | 'share'
  | 'contract'
  | 'trend'
  | 'epithet'
  | 'site'
  | 'tourist'
  | 'price'
  | 'attendance'
  | 'business'
  | 'towards'
  | 'origin'
  | 'contrast'
  | 'embassy'
  | 'credentials'
  | 'welcome'
  | 'clauseOpener'
  // Cues that follow what they govern (the lexicon's `after`): "Тоқаевтың атынан", "сапар барысында".
  | 'mentionedAfter'
  | 'anaphoraAfter'
  | 'relativeClauseAfter'
  | 'earlierAfter';

/** What an entity phrase found in a text stands for. */
export type EntityHit =
  | { readonly kind: 'actor'; readonly id: string; readonly short: boolean }
  | {
      readonly kind: 'place';
      readonly name: string;
      readonly country: string;
      /** How long the written form is: a word much shorter only shares its stem ("Александр"). */
      readonly formLength: number;
    }
  | {
      readonly kind: 'country';
      readonly code: string;
      readonly form: 'name' | 'demonym' | 'capital' | 'city' | 'style' | 'institution';
    }
  | { readonly kind: 'trigger'; readonly type: TriggerType; readonly jointBody?: true }
  | { readonly kind: 'office'; readonly office: string; readonly country?: string }
  | { readonly kind: 'agreement'; readonly name: string }
  | { readonly kind: 'gathering'; readonly series: string }
  | { readonly kind: 'month'; readonly n: number }
  | { readonly kind: 'weekday'; readonly n: number }
  | { readonly kind: 'rel'; readonly which: RelWord }
  | { readonly kind: 'title' }
  | { readonly kind: 'counterpart' }
  | { readonly kind: 'accompanied' };

/** Cues and topics: matched on their own layer, so that they may overlap entities. */
export type CueHit =
  | { readonly kind: 'cue'; readonly cue: CueKind }
  | { readonly kind: 'topic'; readonly slug: string };

export interface LanguageIndex {
  readonly lang: EventLanguage;
  /** How this language's texts and phrases are keyed (`tokenize`, `phraseKeys`): Kazakh with its stemmer. */
  readonly keying: Keying;
  readonly lexicon: EventLexicon;
  readonly entities: PhraseMatcher<EntityHit>;
  readonly cues: PhraseMatcher<CueHit>;
  /** Folded single words, for the date grammar. */
  readonly yearCues: ReadonlySet<string>;
  /** "2024 жылы", "2025 году": cues that follow the year they date. */
  readonly yearCuesAfter: ReadonlySet<string>;
  readonly since: ReadonlySet<string>;
  /** "2016 жылдан бері": a date right before one of these is when a state of things began. */
  readonly sinceAfter: ReadonlySet<string>;
  /** Words that make a name beside them the name of a body or a place ("the Mohammed VI Institute"). */
  readonly institutions: ReadonlySet<string>;
  readonly rangeFrom: ReadonlySet<string>;
  readonly rangeTo: ReadonlySet<string>;
  readonly dayCues: ReadonlySet<string>;
  /** The months' names as a phrase stores them: a word of a text that is not one carries a suffix. */
  readonly monthWords: ReadonlySet<string>;
  /** A role's country is written before it ("Қазақстан Сыртқы істер министрі"), not after. */
  readonly countryBeforeRole: boolean;
  /** Whether a country's word is in the case of where an office is held ("Мароккодағы елшісі"). */
  readonly hostForm: (token: Token) => boolean;
  /** Whether a role's word owns what follows it, a name included ("Президентінің Әкімшілігі"). */
  readonly possessorForm: (token: Token) => boolean;
  readonly abbreviations: ReadonlySet<string>;
  /** Visit words in the plural, lower case as written. */
  readonly pluralVisits: ReadonlySet<string>;
  /** Office words in the plural, lower case as written: a group, not one holder. */
  readonly pluralOffices: ReadonlySet<string>;
  /** Folded words of the people and date grammars (the lexicon's lists of the same names). */
  readonly notNames: ReadonlySet<string>;
  /**
   * Whether a token is "and", or in Arabic an office's first word written with the proclitic "and"
   * ("ونائب", "والسفير", "ووزير"; not "وزير" itself): what follows is another person.
   */
  readonly conjoined: (token: Token) => boolean;
  readonly officeLinks: ReadonlySet<string>;
  readonly hostWords: ReadonlySet<string>;
  /** "مع" after a verb of talks and its subject (`talksWith`). */
  readonly talksWith: ReadonlySet<string>;
  readonly monthLeads: ReadonlySet<string>;
  readonly ordinalSuffixes: ReadonlySet<string>;
  readonly dayWords: ReadonlyMap<string, number>;
}

export interface KnowledgeIndex {
  readonly profile: Profile;
  /** The dyad's two country codes, in profile order. */
  readonly dyad: readonly [string, string];
  readonly actors: ReadonlyMap<string, Actor>;
  readonly places: ReadonlyMap<string, Place>;
  readonly gatherings: readonly Gathering[];
  /** Canonical English country names of the dyad, for a location given only as a country. */
  readonly countryNames: ReadonlyMap<string, string>;
  readonly languages: ReadonlyMap<EventLanguage, LanguageIndex>;
}

// Languages whose place and country forms are read only in a text of their own: a Kazakh spelling
// may be a word of another language (Семей, Russian "of families"). The others are read everywhere.
const OWN_TEXT_ONLY: ReadonlySet<string> = new Set(['kk']);

/** Whether a token of a Kazakh text is in a case of the inflection data; never, with no case. */
function caseForm(keying: Keying, kase: string | undefined): (token: Token) => boolean {
  const { kazakh } = keying;
  if (!kase || !kazakh) return () => false;
  return (token) => token.script === 'cyrillic' && kazakh.inCase(token.keys[0] ?? '', kase);
}

/**
 * The phrases, and each that ends in a word that elides before a vowel in its elided form too: "en
 * prévision de" and "en prévision d'" (for "en prévision d’une visite").
 */
function withElisions(phrases: readonly string[], elisions: Readonly<Record<string, string>>): string[] {
  const out = [...phrases];
  for (const phrase of phrases) {
    const cut = phrase.lastIndexOf(' ');
    const elided = cut > 0 ? elisions[phrase.slice(cut + 1)] : undefined;
    if (elided) out.push(`${phrase.slice(0, cut)} ${elided}'`);
  }
  return out;
}

function wordSet(words: readonly string[], keying: Keying): Set<string> {
  return new Set(words.map((w) => phraseWordKey(w, keying)));
}

/**
 * `LanguageIndex.conjoined`: a conjunction word as a token of its own; in Arabic, where "and" is
 * written on the word, an office's first word behind it (the word without it is an office's first
 * word, the word as written is not).
 */
function conjoinedWord(lexicon: EventLexicon, keying: Keying): (token: Token) => boolean {
  const words = wordSet(lexicon.conjunctions, keying);
  if (lexicon.lang !== 'ar') return (token) => token.keys.some((key) => words.has(key));
  const officeHeads = new Set(
    lexicon.offices.flatMap((o) => o.phrases.map((p) => phraseWordKey(p.split(/\s+/)[0] ?? '', keying))),
  );
  return (token) => {
    const written = token.text.normalize('NFC');
    if (officeHeads.has(phraseWordKey(written, keying))) return false;
    return lexicon.conjunctions.some(
      (c) => written.startsWith(c) && officeHeads.has(phraseWordKey(written.slice(c.length), keying)),
    );
  };
}

function buildLanguage(lang: EventLanguage, data: KnowledgeData, keying: Keying): LanguageIndex {
  const { profile, actors, places } = data;
  const lexicon = data.lexicons.get(lang);
  if (!lexicon) throw new Error(`no event lexicon for ${lang}`);
  const entities = new PhraseMatcher<EntityHit>({ ...keying, namesCapitalised: lexicon.namesCapitalised });
  const cues = new PhraseMatcher<CueHit>(keying);
  // Names in any script: Latin names appear in Arabic articles and Cyrillic ones in French.
  for (const actor of actors) {
    for (const forms of Object.values(actor.names))
      for (const f of forms ?? []) entities.add(f, { kind: 'actor', id: actor.id, short: false });
    for (const forms of Object.values(actor.short))
      for (const f of forms ?? []) entities.add(f, { kind: 'actor', id: actor.id, short: true });
  }
  for (const country of profile.countries) {
    for (const form of ['names', 'demonyms', 'capitals', 'cities', 'styles', 'institutions'] as const) {
      const kind = (
        {
          names: 'name',
          demonyms: 'demonym',
          capitals: 'capital',
          cities: 'city',
          styles: 'style',
          institutions: 'institution',
        } as const
      )[form];
      for (const terms of Object.values(country[form]))
        for (const t of terms ?? []) entities.add(t, { kind: 'country', code: country.code, form: kind });
    }
  }
  const formLanguages = (['ar', 'fr', 'en', 'ru', 'kk'] as const).filter(
    (l) => !OWN_TEXT_ONLY.has(l) || l === lang,
  );
  for (const place of places) {
    for (const l of formLanguages)
      for (const f of place[l] ?? [])
        entities.add(f, { kind: 'place', name: place.name, country: place.country, formLength: f.length });
  }
  const own = new Set(profile.countries.map((c) => c.code));
  for (const third of data.thirdCountries.filter((c) => !own.has(c.code))) {
    for (const l of formLanguages)
      for (const f of third[l]) entities.add(f, { kind: 'country', code: third.code, form: 'name' });
  }
  for (const t of lexicon.triggers)
    for (const p of t.phrases) entities.add(p, { kind: 'trigger', type: t.type });
  for (const p of lexicon.jointBodies)
    entities.add(p, { kind: 'trigger', type: 'bilateral_meeting', jointBody: true });
  for (const o of lexicon.offices)
    for (const p of o.phrases)
      entities.add(
        p,
        o.country
          ? { kind: 'office', office: o.office, country: o.country }
          : { kind: 'office', office: o.office },
      );
  if (lexicon.demonymInsideOffice) addOfficesWithDemonyms(entities, lexicon, profile, lang);
  for (const a of lexicon.agreements)
    for (const p of a.phrases) entities.add(p, { kind: 'agreement', name: a.name });
  for (const g of lexicon.gatherings)
    for (const p of g.phrases) entities.add(p, { kind: 'gathering', series: g.series });
  for (const [n, forms] of Object.entries(lexicon.months))
    for (const f of forms) entities.add(f, { kind: 'month', n: Number(n) });
  for (const [n, forms] of Object.entries(lexicon.weekdays))
    for (const f of forms) entities.add(f, { kind: 'weekday', n: Number(n) });
  for (const [which, forms] of Object.entries(lexicon.relative) as [RelWord, string[]][])
    for (const f of forms) entities.add(f, { kind: 'rel', which });
  for (const f of lexicon.titles) entities.add(f, { kind: 'title' });
  for (const f of lexicon.counterpart) entities.add(f, { kind: 'counterpart' });
  for (const f of lexicon.accompanied) entities.add(f, { kind: 'accompanied' });
  const cueLists: [CueKind, readonly string[]][] = [
    ['support', lexicon.support],
    ['position', [...lexicon.positions, ...(profile.positions[lang] ?? [])]],
    ['parliamentary', lexicon.parliamentary],
    ['anaphora', lexicon.anaphora],
    ['future', lexicon.future],
    ['denial', lexicon.denial],
    ['delegation', lexicon.delegation],
    ['pair', lexicon.pair],
    ['otherCountries', lexicon.otherCountries],
    ['mentioned', lexicon.mentioned],
    ['relativeClause', lexicon.relativeClause],
    ['earlier', lexicon.earlier],
    ['sameDay', lexicon.sameDay],
    ['sameYear', lexicon.sameYear],
    ['transit', lexicon.transit],
    ['summit', lexicon.summit],
    ['shipment', lexicon.shipment],
    ['outcome', lexicon.outcome],
    ['purpose', lexicon.purpose],
    ['stance', lexicon.stances],
    ['commitment', lexicon.commitments],
    ['discussion', lexicon.discussion],
    ['talksVerb', lexicon.talksWith?.verbs ?? []],
    ['handedOver', lexicon.handedOver],
    ['inGeneral', lexicon.inGeneral],
    ['recalling', lexicon.recalling],
    ['accompanyingDelegation', lexicon.accompanyingDelegation],
    ['reporting', lexicon.reporting],
    ['possessive', lexicon.possessives],
    ['share', lexicon.shares],
    ['contract', lexicon.contracts],
    ['trend', lexicon.trends],
    ['epithet', lexicon.epithets],
    ['site', lexicon.sites],
    ['tourist', lexicon.tourists],
    ['price', lexicon.prices],
    ['attendance', lexicon.attendance],
    ['business', lexicon.business],
    ['towards', lexicon.towards],
    ['origin', lexicon.origin],
    ['contrast', lexicon.contrast],
    ['embassy', lexicon.embassy],
    ['credentials', lexicon.credentials],
    ['welcome', lexicon.welcome],
    ['clauseOpener', lexicon.clauseOpeners],
    ['mentionedAfter', lexicon.after.mentioned],
    ['anaphoraAfter', lexicon.after.anaphora],
    ['relativeClauseAfter', lexicon.after.relativeClause],
    ['earlierAfter', lexicon.after.earlier],
  ];
  for (const [cue, phrases] of cueLists)
    for (const p of withElisions(phrases, lexicon.elisions)) cues.add(p, { kind: 'cue', cue });
  for (const [slug, words] of Object.entries(lexicon.topics))
    for (const w of words) cues.add(w, { kind: 'topic', slug });
  return {
    lang,
    keying,
    lexicon,
    entities,
    cues,
    yearCues: wordSet(lexicon.yearCues, keying),
    yearCuesAfter: wordSet(lexicon.yearCuesAfter, keying),
    since: wordSet(lexicon.since, keying),
    sinceAfter: wordSet(lexicon.after.since, keying),
    institutions: wordSet(lexicon.institutions, keying),
    rangeFrom: wordSet(lexicon.rangeFrom, keying),
    rangeTo: wordSet(lexicon.rangeTo, keying),
    dayCues: wordSet(lexicon.dayCues, keying),
    monthWords: wordSet(Object.values(lexicon.months).flat(), keying),
    countryBeforeRole: lexicon.countryBeforeRole !== undefined,
    hostForm: caseForm(keying, lexicon.countryBeforeRole?.hostCase),
    possessorForm: caseForm(keying, lexicon.countryBeforeRole?.possessorCase),
    abbreviations: new Set(lexicon.abbreviations.map((a) => a.toLowerCase())),
    pluralVisits: new Set(lexicon.pluralVisits.map((w) => w.normalize('NFC').toLowerCase())),
    pluralOffices: new Set(lexicon.pluralOffices.map((w) => w.normalize('NFC').toLowerCase())),
    notNames: wordSet(lexicon.notNames, keying),
    conjoined: conjoinedWord(lexicon, keying),
    officeLinks: wordSet(lexicon.officeLinks, keying),
    hostWords: wordSet(lexicon.hostWords, keying),
    talksWith: wordSet(lexicon.talksWith?.with ?? [], keying),
    monthLeads: wordSet(lexicon.monthLeads, keying),
    ordinalSuffixes: wordSet(lexicon.ordinalSuffixes, keying),
    dayWords: new Map(Object.entries(lexicon.dayWords).map(([w, d]) => [phraseWordKey(w, keying), d])),
  };
}

/**
 * "le ministre kazakh des Affaires étrangères": each office of several words, with a demonym of one
 * of the profile's countries after its first word, is that country's office.
 */
function addOfficesWithDemonyms(
  entities: PhraseMatcher<EntityHit>,
  lexicon: EventLexicon,
  profile: Profile,
  lang: EventLanguage,
): void {
  for (const o of lexicon.offices) {
    if (o.country) continue;
    for (const phrase of o.phrases) {
      const [head, ...rest] = phrase.split(' ');
      if (!head || rest.length < 2) continue;
      for (const country of profile.countries)
        for (const demonym of country.demonyms[lang as keyof typeof country.demonyms] ?? [])
          entities.add(`${head} ${demonym} ${rest.join(' ')}`, {
            kind: 'office',
            office: o.office,
            country: country.code,
          });
    }
  }
}

/**
 * Everything the extractor matches against, as data: one profile (the dyad's countries and
 * relevance terms) and its actors, the world's places, countries and gatherings, and the event
 * lexicon of each language. `loadKnowledgeData` reads it from the knowledge package's files.
 */
export interface KnowledgeData {
  readonly profile: Profile;
  readonly actors: readonly Actor[];
  readonly places: readonly Place[];
  readonly thirdCountries: readonly ThirdCountry[];
  readonly gatherings: readonly Gathering[];
  readonly lexicons: ReadonlyMap<EventLanguage, EventLexicon>;
  /** The suffixes a Kazakh word is read behind (`lexicons/kazakh-inflection.yaml`). */
  readonly kazakhInflection: KazakhInflection;
}

/** Reads one profile's knowledge from the knowledge package (`DYAD_PROFILE`, default `ma-kz`). */
export function loadKnowledgeData(profileId = DEFAULT_PROFILE): KnowledgeData {
  const dates = loadDatesLexicon();
  return {
    profile: loadProfile(profileId),
    actors: loadActors(profileId).actors,
    places: loadPlaces(),
    thirdCountries: loadThirdCountries(),
    gatherings: loadGatherings(),
    lexicons: new Map(eventLanguages.map((lang) => [lang, loadEventLexicon(lang, dates)])),
    kazakhInflection: loadKazakhInflection(),
  };
}

/** Builds everything the extractor matches against from the knowledge it is given: pure. */
export function buildKnowledgeIndex(data: KnowledgeData): KnowledgeIndex {
  const { profile } = data;
  const kazakh = kazakhStemmer(data.kazakhInflection);
  const languages = new Map<EventLanguage, LanguageIndex>();
  for (const lang of eventLanguages) languages.set(lang, buildLanguage(lang, data, { lang, kazakh }));
  const [a, b] = profile.countries;
  return {
    profile,
    dyad: [a.code, b.code],
    actors: new Map(data.actors.map((actor) => [actor.id, actor])),
    places: new Map(data.places.map((p) => [p.name, p])),
    gatherings: data.gatherings,
    countryNames: new Map(profile.countries.map((c) => [c.code, c.names.en?.[0] ?? c.code])),
    languages,
  };
}

/** Reads one profile's knowledge and builds its index: what a service does once, at start. */
export function loadKnowledgeIndex(profileId = DEFAULT_PROFILE): KnowledgeIndex {
  return buildKnowledgeIndex(loadKnowledgeData(profileId));
}
