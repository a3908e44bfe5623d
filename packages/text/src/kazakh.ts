/**
 * Kazakh, agglutinative, is read behind its suffixes: a phrase is kept as its dictionary form and a
 * word of a Kazakh text answers to every form its suffixes may be taken off to. The suffixes are
 * data (the knowledge package's `lexicons/kazakh-inflection.yaml`, `loadKazakhInflection`); this
 * module only reads words with them, and reads nothing from disk.
 */

/** The shape of the inflection data (the knowledge package checks the file against its schema). */
export interface KazakhInflectionData {
  /** Endings by case (genitive, dative, …, hostLocative). */
  readonly case: Readonly<Record<string, readonly string[]>>;
  readonly possessive: readonly string[];
  readonly plural: readonly string[];
  readonly verb: readonly string[];
  /** Voiced → voiceless final consonant (ғ → қ, г → к, б → п). */
  readonly voicing: Readonly<Record<string, string>>;
  readonly minStem: number;
}

/** Reads the words of a Kazakh text (folded, see `foldKazakh`) with one set of inflection data. */
export interface KazakhStemmer {
  /**
   * The forms a word may stand for, the word itself first: with its case, possessive and plural
   * endings taken off in that order ("сапарларымен" → сапарлары, сапарлар, сапар), a voiced final
   * consonant also read voiceless ("қыркүйегінде" → қыркүйек), and a past verb form read as its
   * verbal noun ("кездесті" → кездесу). Every form is kept: which one is right, only the knowledge
   * base's phrases can tell.
   */
  stems(word: string): readonly string[];
  /** Whether a word ends in a case of the data with a stem before it: "мароккодағы" is in the host locative. */
  inCase(word: string, kase: string): boolean;
}

/** Lower case as every Cyrillic word folds, and the soft and hard signs of loanwords out: король, Королі, Корольдігі. */
export function foldKazakh(folded: string): string {
  return folded.replace(/[ьъ]/g, '');
}

/**
 * The verbal noun, a Kazakh verb's dictionary form, of a verb stem: кездес → кездесу, қабылда →
 * қабылдау, қой → қою (й and у make ю), оқы → оқу (a stem's final ы or і gives way to у), соқ →
 * соғу (a voiceless final consonant is voiced before the vowel).
 */
function verbalNoun(stem: string, voiced: ReadonlyMap<string, string>): string {
  const last = stem.at(-1) ?? '';
  const body = stem.slice(0, -1);
  if (last === 'й') return `${body}ю`;
  if (last === 'ы' || last === 'і') return `${body}у`;
  return `${body}${voiced.get(last) ?? last}у`;
}

// Words recur across an article and across articles: each is stemmed once per stemmer (bounded).
const SEEN_MAX = 50_000;

/** A stemmer over the given inflection data: pure, with a bounded memo of its own. */
export function kazakhStemmer(data: KazakhInflectionData): KazakhStemmer {
  // Longest first, so that "ндағы" is tried before "ғы" and "ымыз" before "ы".
  const longestFirst = (xs: readonly string[]) => [...new Set(xs)].sort((a, b) => b.length - a.length);
  const cases = new Map(Object.entries(data.case).map(([name, suffixes]) => [name, longestFirst(suffixes)]));
  const layers = [Object.values(data.case).flat(), data.possessive, data.plural].map(longestFirst);
  const verb = longestFirst(data.verb);
  const voicing = new Map(Object.entries(data.voicing));
  const voiced = new Map(Object.entries(data.voicing).map(([v, u]) => [u, v]));
  const { minStem } = data;
  const seen = new Map<string, readonly string[]>();

  const strip = (form: string, suffixes: readonly string[]) =>
    suffixes
      .filter((s) => form.length - s.length >= minStem && form.endsWith(s))
      .map((s) => form.slice(0, -s.length));

  function stemsOf(word: string): string[] {
    const out = new Set<string>([word]);
    const add = (form: string) => {
      out.add(form);
      const voiceless = voicing.get(form.at(-1) ?? '');
      if (voiceless) out.add(form.slice(0, -1) + voiceless);
    };
    // Case, then possessive, then plural: each layer may be absent.
    let forms = [word];
    for (const layer of layers) {
      const next = forms.flatMap((f) => strip(f, layer));
      for (const f of next) add(f);
      forms = [...forms, ...next];
    }
    // A finite verb (кездесті) or a participle, bare or with a case ending (келгенде → келген).
    for (const f of [word, ...strip(word, layers[0] ?? [])])
      for (const stem of strip(f, verb)) out.add(verbalNoun(stem, voiced));
    return [...out];
  }

  return {
    stems(word) {
      const known = seen.get(word);
      if (known) return known;
      if (seen.size >= SEEN_MAX) seen.clear();
      const stems = stemsOf(word);
      seen.set(word, stems);
      return stems;
    },
    inCase(word, kase) {
      return (cases.get(kase) ?? []).some((s) => word.endsWith(s) && word.length - s.length >= minStem);
    },
  };
}
