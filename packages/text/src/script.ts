/** The script a token is written in, as far as matching cares: it decides how the token folds. */
export type Script = 'arabic' | 'cyrillic' | 'latin' | 'digit';

const DIGIT = /^\p{Nd}/u;

/**
 * The script of a word, by its first character. Decimal digits of any script (ASCII, Arabic-Indic
 * ٠–٩, Persian ۰–۹, full-width ０–９) are `digit`; Arabic takes in its presentation forms; every
 * other letter reads as `latin`, which folds as Latin does (lower case, no accents).
 */
export function scriptOf(word: string): Script {
  const c = word.codePointAt(0) ?? 0;
  if ((c >= 0x30 && c <= 0x39) || (c > 0x7f && DIGIT.test(word))) return 'digit';
  if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfeff))
    return 'arabic';
  if (c >= 0x0400 && c <= 0x052f) return 'cyrillic';
  return 'latin';
}
