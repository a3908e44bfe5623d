/**
 * Tokens and their matching keys. Every phrase of the knowledge base and every word of an
 * article go through the same folding, so that a lexicon entry written once matches the forms
 * an article uses: Arabic with clitics (و ب ل ال وال بال لل …), Russian in any case, French and
 * English with accents or plurals. Kazakh, agglutinative, is read differently (see `kazakhStems`):
 * a phrase is kept as its dictionary form and a word of a Kazakh text answers to every form its
 * suffixes may be taken off to; only Kazakh text pays for that.
 */
import { kazakhStems } from '@dyad/knowledge';

export type Script = 'arabic' | 'cyrillic' | 'latin' | 'digit';

export interface Token {
  /** As written. */
  readonly text: string;
  /** Character offsets into the text the token was read from. */
  readonly start: number;
  readonly end: number;
  readonly script: Script;
  /** Keys a phrase token may equal: the folded token and, in Arabic, its clitic-stripped forms. */
  readonly keys: readonly string[];
  /** Text between the previous token and this one (punctuation, spaces). */
  readonly gapBefore: string;
  readonly upper: boolean;
}

// Letters and digits are separate tokens, so that "و29" (and 29) and "21st" split cleanly.
const TOKEN = /[\p{L}\p{M}]+|\p{N}+/gu;
const MARKS = /\p{M}+/gu;

function scriptOf(word: string): Script {
  const c = word.codePointAt(0) ?? 0;
  // ASCII, Arabic-Indic (٠–٩) and Persian (۰–۹) digits: all read as numbers.
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9))
    return 'digit';
  if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfeff))
    return 'arabic';
  if (c >= 0x0400 && c <= 0x052f) return 'cyrillic';
  return 'latin';
}

/** Folds Arabic letter variants and diacritics: أ إ آ → ا (by NFD), ى → ي, ة → ه, no tatweel. */
function foldArabic(word: string): string {
  return word
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/\u0640/g, '')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

function stripAl(word: string): string {
  return word.startsWith('ال') && word.length > 3 ? word.slice(2) : word;
}

// Longest first; each is a proclitic chain that may precede a noun or verb.
const ARABIC_PROCLITICS = [
  'وبال',
  'وكال',
  'ولل',
  'فبال',
  'فلل',
  'وال',
  'فال',
  'بال',
  'كال',
  'لل',
  'وب',
  'ول',
  'وك',
  'فب',
  'فل',
  'و',
  'ف',
  'ب',
  'ل',
  'ك',
];

// Object pronouns a verb carries, longest first.
const ARABIC_OBJECT_PRONOUNS = ['هما', 'هم', 'ها', 'ه'];

/** `taMarbuta`: the word as written ends in ة, which folding made a ه that is no pronoun (وزارة). */
function arabicKeys(folded: string, taMarbuta: boolean): string[] {
  const keys = new Set<string>([stripAl(folded)]);
  for (const clitic of ARABIC_PROCLITICS) {
    if (folded.startsWith(clitic) && folded.length - clitic.length >= 2)
      keys.add(stripAl(folded.slice(clitic.length)));
  }
  // Feminine and plural nisba (كازاخستانية, المغاربيين) also answer to the masculine form.
  for (const key of [...keys]) {
    if (key.endsWith('يه') && key.length > 4) keys.add(key.slice(0, -1));
    if ((key.endsWith('يين') || key.endsWith('يون')) && key.length > 5) keys.add(key.slice(0, -2));
    // The accusative's tanween alif (وقعا اتفاقا, أصدرا بيانا مشتركا) also answers to the bare noun.
    if (key.endsWith('ا') && key.length >= 4) keys.add(key.slice(0, -1));
  }
  // A verb with its object pronoun (الاتفاق الذي وقعه, استقبلها, التقاهم) also answers to the verb.
  for (const key of taMarbuta ? [] : [...keys]) {
    const suffix = ARABIC_OBJECT_PRONOUNS.find((p) => key.endsWith(p) && key.length - p.length >= 3);
    if (suffix) keys.add(key.slice(0, -suffix.length));
  }
  return [...keys];
}

// Longest first. The -ия/-ие nouns (делегация, соглашение, консультации) keep one stem in every case.
const RU_ENDINGS = [
  'иями',
  'ием',
  'ией',
  'иям',
  'иях',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ия',
  'ии',
  'ию',
  'ой',
  'ей',
  'ом',
  'ем',
  'ым',
  'им',
  'ую',
  'юю',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ых',
  'их',
  'ий',
  'ый',
  'ах',
  'ях',
  'а',
  'я',
  'у',
  'ю',
  'е',
  'ы',
  'и',
  'о',
  'й',
  'ь',
];

// Words that take no case ending, whose last letters only look like one: "после" (after) is not a
// form of "посол" (ambassador), whose oblique forms (посла, послу) lose the same letters.
const RU_UNINFLECTED = new Set(['после', 'более', 'менее', 'также', 'тоже', 'около']);

/** A light Russian stemmer: one case or number ending off, keeping at least three letters. */
export function russianStem(word: string): string {
  if (RU_UNINFLECTED.has(word)) return word;
  for (const ending of RU_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) return word.slice(0, -ending.length);
  }
  return word;
}

function foldLatin(word: string): string {
  const plain = word.normalize('NFD').replace(MARKS, '').toLowerCase();
  // A plural -s folded (kazakhs, marocains, visites), the same on both sides of a match.
  return plain.length >= 5 && plain.endsWith('s') && !plain.endsWith('ss') ? plain.slice(0, -1) : plain;
}

// Stress marks and other accents written over Cyrillic vowels; not the breve of й, which is a letter.
const CYRILLIC_ACCENTS = /[\u0300\u0301\u0302\u0304\u0308]/g;

/** Lower case, ё → е, stress marks dropped: й stays й (NFD would split it into и and a breve). */
function foldCyrillic(word: string): string {
  return word
    .toLowerCase()
    .replace(/ё/g, 'е')
    .normalize('NFD')
    .replace(CYRILLIC_ACCENTS, '')
    .normalize('NFC');
}

/** Kazakh folds as Cyrillic does, and drops the soft sign of loanwords: король, Королі, Корольдігі. */
function foldKazakh(word: string): string {
  return foldCyrillic(word).replace(/[ьъ]/g, '');
}

/** The language whose words a text or a phrase is read as, where that changes the keys. */
export type KeyLanguage = string | undefined;

const readsKazakh = (script: Script, lang: KeyLanguage) => lang === 'kk' && script === 'cyrillic';

/** The keys of one word of a text in `lang`, as the matcher compares them. */
export function wordKeys(
  word: string,
  script: Script = scriptOf(word),
  lang?: KeyLanguage,
): readonly string[] {
  // A word's keys depend on the word, its script and the text's language only: the same words
  // come back article after article, and folding them (NFD, clitics, stems) is a good part of the
  // extractor's time.
  const memo = `${lang ?? ''}\u0000${word}`;
  const known = keysOf.get(memo);
  if (known) return known;
  const keys = foldedKeys(word, script, lang);
  if (keysOf.size >= KEYS_MEMO_SIZE) keysOf.clear();
  keysOf.set(memo, keys);
  return keys;
}

// How many words' keys are remembered before the memo starts again (a few MB).
const KEYS_MEMO_SIZE = 50_000;
const keysOf = new Map<string, readonly string[]>();

function foldedKeys(word: string, script: Script, lang: KeyLanguage | undefined): readonly string[] {
  if (readsKazakh(script, lang)) return kazakhStems(foldKazakh(word));
  switch (script) {
    case 'arabic':
      return arabicKeys(foldArabic(word), word.endsWith('ة'));
    case 'cyrillic':
      return [russianStem(foldCyrillic(word))];
    case 'latin':
      return [foldLatin(word)];
    default:
      return [word];
  }
}

/**
 * The one key a knowledge-base word is stored under for matching text in `lang` (phrases are
 * written without clitics, and in Kazakh as dictionary forms: the text's words are stemmed to them).
 */
export function phraseWordKey(word: string, lang?: KeyLanguage): string {
  const script = scriptOf(word);
  if (script === 'arabic') return stripAl(foldArabic(word));
  if (readsKazakh(script, lang)) return foldKazakh(word);
  return wordKeys(word, script)[0] ?? word;
}

/**
 * Splits text in `lang` into word tokens with offsets (letters, marks and digits; hyphens and
 * apostrophes split).
 */
export function tokenize(text: string, offset = 0, lang?: KeyLanguage): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0];
    const start = match.index;
    const script = scriptOf(word);
    tokens.push({
      text: word,
      start: start + offset,
      end: start + word.length + offset,
      script,
      keys: script === 'digit' ? [foldArabic(word)] : wordKeys(word, script, lang),
      gapBefore: text.slice(previousEnd, start),
      upper: word[0] !== undefined && word[0] !== word[0].toLowerCase(),
    });
    previousEnd = start + word.length;
  }
  return tokens;
}

/** A phrase as the sequence of keys the matcher stores for text in `lang`. */
export function phraseKeys(phrase: string, lang?: KeyLanguage): string[] {
  return [...phrase.matchAll(TOKEN)].map((m) => phraseWordKey(m[0], lang));
}

/** A stable key for a name: its folded tokens joined by hyphens (for `unknown:<matchKey>`). */
export function matchKey(name: string): string {
  return [...name.matchAll(TOKEN)]
    .map((m) => {
      const w = m[0];
      const script = scriptOf(w);
      return script === 'arabic' ? foldArabic(w) : w.normalize('NFD').replace(MARKS, '').toLowerCase();
    })
    .join('-');
}
