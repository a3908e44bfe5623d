import {
  type CountryProfile,
  countryTerms,
  loadKazakhInflection,
  type Profile,
  type TermKind,
} from '@dyad/knowledge';
import {
  type KazakhStemmer,
  type Keying,
  kazakhStemmer,
  PhraseMatcher,
  phraseKeys,
  type Token,
  tokenize,
} from '@dyad/text';

/** One way a country is named, as the profile writes it. */
export interface CompiledTerm {
  readonly country: string;
  readonly kind: TermKind;
  /** As the profile writes it, for reasons. */
  readonly term: string;
}

export interface TermMatcher {
  /** The tokens of a text in `lang`, keyed as the extractor keys them (`@dyad/text`'s `tokenize`). */
  tokens(text: string, lang?: string): Token[];
  /**
   * The profile's terms in tokens of a text in `lang`, leftmost and longest first, none overlapping:
   * start index, length in tokens, and the term. Words are matched on their keys, as the extractor
   * matches its phrases: Arabic behind clitics and nisba («والمغرب», «الكازاخستانية»), Russian in any
   * case («Казахстана», «казахстанской»), a Kazakh text's words behind their suffixes («Мароккодағы»).
   */
  match(tokens: readonly Token[], lang?: string): { start: number; length: number; term: CompiledTerm }[];
}

export function compileTerms(countries: readonly CountryProfile[], kazakh: KazakhStemmer): TermMatcher {
  const terms: CompiledTerm[] = [];
  for (const country of countries) {
    const seen = new Set<string>();
    for (const { kind, term } of countryTerms(country)) {
      // Once per kind and keys (the same name in two scripts' spellings folds to one).
      const key = `${kind}:${phraseKeys(term).join(' ')}\u0000${phraseKeys(term, { lang: 'kk' }).join(' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push({ country: country.code, kind, term });
    }
  }
  // Phrases are keyed by the text's language only where it changes them (Kazakh): one matcher each.
  const keyingOf = (lang: string | undefined): Keying => (lang === 'kk' ? { lang, kazakh } : {});
  const matchers = new Map<string, PhraseMatcher<CompiledTerm>>();
  const matcherFor = (lang: string | undefined) => {
    const which = lang === 'kk' ? 'kk' : '';
    let matcher = matchers.get(which);
    if (!matcher) {
      matcher = new PhraseMatcher<CompiledTerm>(keyingOf(lang));
      for (const term of terms) matcher.add(term.term, term);
      matchers.set(which, matcher);
    }
    return matcher;
  };

  return {
    tokens: (text, lang) => tokenize(text, keyingOf(lang)),
    match(tokens, lang) {
      const found: { start: number; length: number; term: CompiledTerm }[] = [];
      let covered = 0;
      // findAll gives each start's matches longest first: keep the longest at each free start.
      for (const m of matcherFor(lang).findAll(tokens)) {
        const term = m.payloads[0];
        if (m.start < covered || !term) continue;
        found.push({ start: m.start, length: m.end - m.start, term });
        covered = m.end;
      }
      return found;
    },
  };
}

let kazakhCached: KazakhStemmer | undefined;

/** The Kazakh stemmer over `@dyad/knowledge`'s inflection data, built once per process. */
export function kazakhReader(): KazakhStemmer {
  kazakhCached ??= kazakhStemmer(loadKazakhInflection());
  return kazakhCached;
}

export function profileMatcher(profile: Profile): TermMatcher {
  return compileTerms(profile.countries, kazakhReader());
}
