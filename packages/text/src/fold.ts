/**
 * Text folded for matching — never shown: display text keeps its own spelling (see `displayLine`).
 * One fold for every script, so that a word folds the same whether it is folded alone (a token's
 * keys) or inside its text (`foldedWords`):
 *
 * 1. NFKC: Arabic presentation forms (ﻻ → لا), full-width digits (２０２５ → 2025), ligatures (ﬁ → fi).
 * 2. Lower case.
 * 3. Arabic letter variants: alef forms أ إ آ ٱ → ا, ى ی ئ → ي, ؤ → و, ة → ه, ۀ → ه, Persian ک → ك;
 *    and ё → е.
 * 4. Arabic-Indic and Persian digits → ASCII.
 * 5. Every combining mark off (Arabic harakat, Latin accents, Cyrillic stress marks), after NFD —
 *    except the breve of й, a letter of its own (Сергей, Кошанов's "-ий" endings, Kazakh "қой").
 *    The Kazakh letters ә ғ қ ң ө ұ ү һ і have no decomposition and stay.
 * 6. Tatweel (ـ) out.
 */

const LETTER_FOLDS: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ئ: 'ي',
  ؤ: 'و',
  ة: 'ه',
  ۀ: 'ه',
  ک: 'ك',
  ё: 'е',
};
const LETTER_FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');
const TATWEEL = /\u0640/gu;
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/gu;
/** What NFD and mark stripping can change: marks, and letters NFD takes a mark off. */
const MAY_CARRY_MARKS = /[\p{M}\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF\u06C2\u06D3]/u;
/** A mark, or й decomposed (и + breve), which is kept as й. */
const MARK_OR_SHORT_I = /\u0438\u0306|\p{M}/gu;
const NON_ASCII = /[\u0080-\u{10FFFF}]/u;

function foldDigits(text: string): string {
  return text.replace(EASTERN_DIGITS, (d) => {
    const code = d.codePointAt(0) ?? 0x30;
    return String.fromCharCode(0x30 + (code >= 0x06f0 ? code - 0x06f0 : code - 0x0660));
  });
}

/** Text folded for matching names, dates and phrases: the steps above, in that order. */
export function foldForMatching(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let out = text.normalize('NFKC').toLowerCase();
  out = out.replace(LETTER_FOLD_RE, (ch) => LETTER_FOLDS[ch] ?? ch);
  out = foldDigits(out);
  // Decomposing is the costly step: skipped where no mark can come out (most Arabic, plain ASCII).
  if (MAY_CARRY_MARKS.test(out))
    out = out
      .normalize('NFD')
      .replace(MARK_OR_SHORT_I, (m) => (m.length === 2 ? 'й' : ''))
      .normalize('NFC');
  return out.replace(TATWEEL, '');
}

const WORD = /\p{L}+|\p{N}+/gu;

/**
 * The words of folded text, in order: runs of letters, and runs of digits apart from letters
 * ("و29" → و, 29; "2025г." → 2025, г). What the cleaner compares titles, lines, furniture
 * phrases and month names on; the extractor's tokens (`tokenize`) split the same way.
 */
export function foldedWords(text: string): string[] {
  return foldForMatching(text).match(WORD) ?? [];
}
