/**
 * Text folded for matching names, dates and phrases — never shown: display text keeps its own
 * spelling. NFKC first (presentation forms, full-width digits), then case, Arabic letter
 * variants (alef forms → ا, ى → ي, ة → ه, Persian kaf/ya), tatweel and diacritics (Arabic
 * harakat, Latin accents; the Kazakh letters ә ғ қ ң ө ұ ү һ і are letters of their own and stay),
 * and Arabic-Indic digits → ASCII.
 */

const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/gu;
const TATWEEL = /\u0640/gu;
const COMBINING = /\p{M}/gu;

const LETTER_FOLDS: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ئ: 'ي',
  ة: 'ه',
  ک: 'ك',
  ؤ: 'و',
  ё: 'е',
};
const LETTER_FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/u;
/** Letters that NFD can take a mark off: Latin with diacritics, Cyrillic (й, ё). */
const DECOMPOSABLE = /[\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF]/u;

function foldDigits(text: string): string {
  if (!EASTERN_DIGITS.test(text)) return text;
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, (d) => {
    const code = d.codePointAt(0) ?? 0x30;
    return String.fromCharCode(0x30 + (code >= 0x06f0 ? code - 0x06f0 : code - 0x0660));
  });
}

/** Strips Latin/Cyrillic accents but keeps letters that NFD would not decompose. */
function stripLatinMarks(text: string): string {
  // Decomposing is the costly step: skip texts (Arabic, plain ASCII) where no mark can come out.
  // й (и + breve) is folded too, which is what readers expect when matching Russian names.
  if (!DECOMPOSABLE.test(text)) return text;
  return text.normalize('NFD').replace(COMBINING, '').normalize('NFC');
}

export function normalizeForMatching(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  out = out.replace(TATWEEL, '').replace(ARABIC_MARKS, '');
  out = out.replace(LETTER_FOLD_RE, (ch) => LETTER_FOLDS[ch] ?? ch);
  out = foldDigits(out);
  out = stripLatinMarks(out);
  return out;
}

/** Letters and digits of normalised text, in order: the unit names and phrases are matched on. */
export function matchTokens(text: string): string[] {
  return normalizeForMatching(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
