import { type DatesLexicon, loadDatesLexicon } from '@dyad/knowledge';
import { foldedWords } from '@dyad/text';

/** A phrase as the normalised tokens it must match, in order. */
export type TokenPhrase = readonly string[];

export interface DateWords {
  /** Month phrases (normalised tokens) with their number, longest first. */
  readonly months: readonly { readonly tokens: TokenPhrase; readonly month: number }[];
  /** The same, by first token. */
  readonly monthsByFirst: ReadonlyMap<
    string,
    readonly { readonly tokens: TokenPhrase; readonly month: number }[]
  >;
  readonly yesterday: readonly TokenPhrase[];
  readonly today: readonly TokenPhrase[];
  readonly currentMonth: readonly TokenPhrase[];
  readonly lastMonth: readonly TokenPhrase[];
  readonly yearMarkers: readonly TokenPhrase[];
  readonly published: readonly TokenPhrase[];
}

function phrases(perLanguage: Record<string, readonly string[]>): TokenPhrase[] {
  const out = new Map<string, TokenPhrase>();
  for (const list of Object.values(perLanguage)) {
    for (const phrase of list) {
      const tokens = foldedWords(phrase);
      if (tokens.length > 0) out.set(tokens.join(' '), tokens);
    }
  }
  return [...out.values()].sort((a, b) => b.length - a.length);
}

export function compileDateWords(lexicon: DatesLexicon): DateWords {
  const months = new Map<string, { tokens: TokenPhrase; month: number }>();
  for (const byMonth of Object.values(lexicon.months)) {
    for (const [month, names] of Object.entries(byMonth)) {
      for (const name of names) {
        const tokens = foldedWords(name);
        if (tokens.length > 0) months.set(tokens.join(' '), { tokens, month: Number(month) });
      }
    }
  }
  const sorted = [...months.values()].sort((a, b) => b.tokens.length - a.tokens.length);
  const monthsByFirst = new Map<string, { tokens: TokenPhrase; month: number }[]>();
  for (const entry of sorted) {
    const first = entry.tokens[0] ?? '';
    monthsByFirst.set(first, [...(monthsByFirst.get(first) ?? []), entry]);
  }
  return {
    months: sorted,
    monthsByFirst,
    yesterday: phrases(lexicon.relative.yesterday),
    today: phrases(lexicon.relative.today),
    currentMonth: phrases(lexicon.relative.currentMonth),
    lastMonth: phrases(lexicon.relative.lastMonth),
    yearMarkers: phrases(lexicon.yearMarkers),
    published: phrases(lexicon.published),
  };
}

let cached: DateWords | undefined;

/** The date words of `@dyad/knowledge`'s lexicon, compiled once per process. */
export function dateWords(): DateWords {
  cached ??= compileDateWords(loadDatesLexicon());
  return cached;
}
