import { join } from 'node:path';
import { z } from 'zod';
import { knowledgeDir, readYamlFile } from './load-yaml.ts';

const Suffixes = z.array(z.string().regex(/^\p{Ll}+$/u)).min(1);
const Letter = z.string().regex(/^\p{Ll}$/u);

/** `lexicons/kazakh-inflection.yaml`: the suffixes a Kazakh word's stem is read behind. */
export const KazakhInflection = z.object({
  /** Endings by case (genitive, dative, …, hostLocative). */
  case: z.record(z.string().regex(/^[a-zA-Z]+$/), Suffixes),
  possessive: Suffixes,
  plural: Suffixes,
  verb: Suffixes,
  voicing: z.record(Letter, Letter),
  minStem: z.int().min(1),
});
export type KazakhInflection = z.infer<typeof KazakhInflection>;

export function loadKazakhInflection(
  file = join(knowledgeDir, 'lexicons', 'kazakh-inflection.yaml'),
): KazakhInflection {
  return readYamlFile(file, KazakhInflection);
}

interface Stemmer {
  readonly cases: ReadonlyMap<string, readonly string[]>;
  readonly layers: readonly (readonly string[])[];
  readonly verb: readonly string[];
  /** Voiced → voiceless (ғ → қ), and back. */
  readonly voicing: ReadonlyMap<string, string>;
  readonly voiced: ReadonlyMap<string, string>;
  readonly minStem: number;
}

let stemmer: Stemmer | undefined;

function load(): Stemmer {
  if (stemmer) return stemmer;
  const data = loadKazakhInflection();
  // Longest first, so that "ндағы" is tried before "ғы" and "ымыз" before "ы".
  const longestFirst = (xs: readonly string[]) => [...new Set(xs)].sort((a, b) => b.length - a.length);
  stemmer = {
    cases: new Map(Object.entries(data.case).map(([name, suffixes]) => [name, longestFirst(suffixes)])),
    layers: [Object.values(data.case).flat(), data.possessive, data.plural].map(longestFirst),
    verb: longestFirst(data.verb),
    voicing: new Map(Object.entries(data.voicing)),
    voiced: new Map(Object.entries(data.voicing).map(([v, u]) => [u, v])),
    minStem: data.minStem,
  };
  return stemmer;
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

/**
 * The forms a word of a Kazakh text may stand for, the word itself first: with its case,
 * possessive and plural endings taken off in that order ("сапарларымен" → сапарлары, сапарлар,
 * сапар), a voiced final consonant also read voiceless ("қыркүйегінде" → қыркүйек), and a past
 * verb form read as its verbal noun ("кездесті" → кездесу). `word` is folded already (lower case).
 * Every form is kept: which one is right, only the knowledge base's phrases can tell.
 */
export function kazakhStems(word: string): readonly string[] {
  const known = seen.get(word);
  if (known) return known;
  if (seen.size >= SEEN_MAX) seen.clear();
  const stems = stemsOf(word);
  seen.set(word, stems);
  return stems;
}

// Words recur across an article and across articles: each is stemmed once (a bounded cache).
const SEEN_MAX = 50_000;
const seen = new Map<string, readonly string[]>();

function stemsOf(word: string): string[] {
  const { layers, verb, voicing, voiced, minStem } = load();
  const out = new Set<string>([word]);
  const add = (form: string) => {
    out.add(form);
    const voiceless = voicing.get(form.at(-1) ?? '');
    if (voiceless) out.add(form.slice(0, -1) + voiceless);
  };
  const strip = (form: string, suffixes: readonly string[]) =>
    suffixes
      .filter((s) => form.length - s.length >= minStem && form.endsWith(s))
      .map((s) => form.slice(0, -s.length));
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

/**
 * Whether a word of a Kazakh text (folded) ends in a case of the inflection data, with at least a
 * stem before it: "мароккодағы" is in the host locative ("in Morocco").
 */
export function inKazakhCase(word: string, kase: string): boolean {
  const { cases, minStem } = load();
  return (cases.get(kase) ?? []).some((s) => word.endsWith(s) && word.length - s.length >= minStem);
}
