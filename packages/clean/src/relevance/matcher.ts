import { type CountryProfile, countryTerms, kazakhStems, type Profile, type TermKind } from '@dyad/knowledge';
import { matchTokens } from '../text/normalize.ts';

/** One way a country is named, as tokens to match. */
export interface CompiledTerm {
  readonly country: string;
  readonly kind: TermKind;
  /** As the profile writes it, for reasons. */
  readonly term: string;
  readonly tokens: readonly string[];
  /** Its tokens as written (folded): a Kazakh word is matched on its stems, which are whole words. */
  readonly words: readonly string[];
}

export interface TermMatcher {
  /**
   * Matches in a token sequence of a text in `lang`: start index, length in tokens, and the term.
   * A Kazakh text's words are also read behind their suffixes ("Мароккодағы", "Астанадағы").
   */
  match(tokens: readonly string[], lang?: string): { start: number; length: number; term: CompiledTerm }[];
}

const ARABIC = /\p{Script=Arabic}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * Arabic proclitics before a name: و ف (and), ب ل ك (in, to, as), the article ال and their
 * combinations («والمغرب», «بالرباط», «للمملكة»). Longest first.
 */
const ARABIC_PREFIXES = [
  'وبال',
  'وال',
  'بال',
  'فال',
  'كال',
  'ولل',
  'لل',
  'ال',
  'وب',
  'ول',
  'وك',
  'و',
  'ف',
  'ب',
  'ل',
  'ك',
];

/**
 * A profile form as it is looked up: Arabic forms drop their own article («المغرب» is matched as
 * مغرب behind any clitic); Cyrillic forms drop a final vowel, so that the stem matches every case
 * (Астана → астан: Астаны, Астане, Астаной).
 */
function termToken(token: string): string {
  if (ARABIC.test(token)) return token.startsWith('ال') && token.length > 4 ? token.slice(2) : token;
  if (CYRILLIC.test(token) && token.length >= 5) return token.replace(/[аяоеыиуюйь]$/u, '');
  return token;
}

/**
 * The forms a text token may stand for: itself, without Arabic clitics, or without a Russian or
 * Kazakh case ending of up to four letters («Казахстана», «Қазақстанның», «Рабатқа»).
 */
export function tokenForms(token: string): string[] {
  const forms = [token];
  if (ARABIC.test(token)) {
    for (const prefix of ARABIC_PREFIXES) {
      if (token.startsWith(prefix) && token.length - prefix.length >= 3)
        forms.push(token.slice(prefix.length));
    }
  } else if (CYRILLIC.test(token)) {
    for (let cut = 1; cut <= 4 && token.length - cut >= 3; cut++) forms.push(token.slice(0, -cut));
  } else if (token.length > 4 && token.endsWith('s')) {
    forms.push(token.slice(0, -1));
  }
  return forms;
}

export function compileTerms(countries: readonly CountryProfile[]): TermMatcher {
  // Terms by their first token as looked up (a Cyrillic stem cut short) and as written.
  const byFirst = new Map<string, CompiledTerm[]>();
  const byFirstWord = new Map<string, CompiledTerm[]>();
  for (const country of countries) {
    const seen = new Set<string>();
    for (const { kind, term } of countryTerms(country)) {
      const words = matchTokens(term);
      const tokens = words.map(termToken);
      const key = `${kind}:${tokens.join(' ')}`;
      if (tokens.length === 0 || seen.has(key)) continue;
      seen.add(key);
      const compiled: CompiledTerm = { country: country.code, kind, term, tokens, words };
      for (const [index, first] of [
        [byFirst, tokens[0] ?? ''],
        [byFirstWord, words[0] ?? ''],
      ] as const)
        index.set(first, [...(index.get(first) ?? []), compiled]);
    }
  }
  for (const index of [byFirst, byFirstWord])
    for (const list of index.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  return {
    match(tokens, lang) {
      const kazakh = lang === 'kk';
      // The terms a token may begin, and whether a token may stand for a term's k-th token.
      const starting = (token: string) => [
        ...tokenForms(token).flatMap((form) => byFirst.get(form) ?? []),
        ...(kazakh ? kazakhStems(token).flatMap((form) => byFirstWord.get(form) ?? []) : []),
      ];
      const fits = (token: string, term: CompiledTerm, k: number) =>
        tokenForms(token).includes(term.tokens[k] ?? '') ||
        (kazakh && kazakhStems(token).includes(term.words[k] ?? ''));
      const found: { start: number; length: number; term: CompiledTerm }[] = [];
      let i = 0;
      while (i < tokens.length) {
        let best: { length: number; term: CompiledTerm } | undefined;
        for (const term of starting(tokens[i] ?? '')) {
          if (best && best.length >= term.tokens.length) continue;
          let ok = true;
          for (let k = 1; k < term.tokens.length && ok; k++) ok = fits(tokens[i + k] ?? '', term, k);
          if (ok) best = { length: term.tokens.length, term };
        }
        if (best) {
          found.push({ start: i, ...best });
          i += best.length;
        } else i++;
      }
      return found;
    },
  };
}

export function profileMatcher(profile: Profile): TermMatcher {
  return compileTerms(profile.countries);
}
