/**
 * @dyad/text — the one text layer of the cleaner and the extractor: pure functions, no data files.
 * See README.md for what each step does and why (each decision with the example it handles).
 */

// Display text (what the cleaner outputs) and matching text (folded, never shown): two purposes.
export { displayLine, displayLines } from './display.ts';
export { foldedWords, foldForMatching } from './fold.ts';
// Kazakh read behind its suffixes, with the inflection data it is given.
export { foldKazakh, type KazakhInflectionData, type KazakhStemmer, kazakhStemmer } from './kazakh.ts';
// Phrases found in tokens by their keys.
export { longestNonOverlapping, type Match, type MatcherOptions, PhraseMatcher } from './phrase-matcher.ts';
export { russianStem } from './russian.ts';
export { type Script, scriptOf } from './script.ts';
// Tokens with offsets and matching keys; phrase keys; a name's stable key.
export {
  type Keying,
  matchKey,
  phraseKeys,
  phraseWordKey,
  type Token,
  type TokenizeOptions,
  tokenize,
  wordKeys,
} from './tokenize.ts';
