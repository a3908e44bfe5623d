import { z } from 'zod';
import cyrillicData from '../data/cyrillic-languages.json' with { type: 'json' };
import latinData from '../data/latin-languages.json' with { type: 'json' };

/** Function words per Latin-script language (data/latin-languages.json). */
export const LatinLanguages = z.object({
  languages: z.record(z.string().regex(/^[a-z]{2,3}$/), z.array(z.string().min(1)).min(10)),
});

const latin = LatinLanguages.parse(latinData).languages;
const latinWords = new Map(Object.entries(latin).map(([lang, words]) => [lang, new Set(words)]));

/** How Kazakh is told from Russian (data/cyrillic-languages.json). */
export const CyrillicLanguages = z.object({
  /** Letters of Kazakh's Cyrillic alphabet that Russian does not have. */
  kazakhLetters: z.string().regex(/^\p{Script=Cyrillic}+$/u),
  words: z.object({ kk: z.array(z.string().min(1)).min(10), ru: z.array(z.string().min(1)).min(10) }),
});

const cyrillicLanguages = CyrillicLanguages.parse(cyrillicData);
const kazakhLetters = new Set(cyrillicLanguages.kazakhLetters);
const kazakhWords = new Set(cyrillicLanguages.words.kk);
const russianWords = new Set(cyrillicLanguages.words.ru);

export interface LanguageOptions {
  /** Latin-script languages the detector may answer (the profile's); all it knows when unset. */
  readonly latinLanguages?: readonly string[];
}

/**
 * Language of a text: the script decides first (Arabic → ar; Cyrillic → kk or ru, by Kazakh's
 * own letters, else by function words); Latin-script text goes to a small function-word
 * detector limited to the profile's Latin-script languages. "und" when nothing decides.
 */
export function detectLanguage(text: string, options: LanguageOptions = {}): string {
  let arabic = 0;
  let cyrillic = 0;
  let latinCount = 0;
  // Sampling the first 20k characters is enough to decide and keeps long pages cheap.
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  for (const ch of sample) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x41) continue;
    if (
      (code >= 0x600 && code <= 0x6ff) ||
      (code >= 0x750 && code <= 0x77f) ||
      (code >= 0xfb50 && code <= 0xfeff)
    )
      arabic++;
    else if (code >= 0x400 && code <= 0x52f) cyrillic++;
    else if (
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0xc0 && code <= 0x24f)
    )
      latinCount++;
  }
  const max = Math.max(arabic, cyrillic, latinCount);
  if (max === 0) return 'und';
  if (max === arabic) return 'ar';
  if (max === cyrillic) return detectCyrillic(sample, cyrillic);
  return detectLatin(sample, options.latinLanguages);
}

// At least this many Kazakh letters, and one in this many Cyrillic letters, make a text Kazakh.
const KAZAKH_LETTERS_MIN = 2;
const KAZAKH_LETTER_EVERY = 50;
// Function words decide only with at least this many of the winner's.
const WORDS_MIN = 2;
// Russian function words this many times Kazakh's, and at least WORDS_MIN + 1 of them, outvote the letters.
const RUSSIAN_MAJORITY = 2;

/**
 * Kazakh or Russian. Kazakh prose has its own letters every dozen letters or so; a Russian text
 * quoting one Kazakh name has one or two: ask for two at least, and one in 50 Cyrillic letters,
 * unless Russian's function words outnumber Kazakh's by far (a Russian sentence quoting a Kazakh
 * slogan). Below that, a text typed without Kazakh's letters ("Казакстан мен Марокко арасында")
 * is Kazakh when it has more of Kazakh's function words than of Russian's.
 */
function detectCyrillic(text: string, cyrillicLetters: number): 'kk' | 'ru' {
  let letters = 0;
  for (const ch of text) if (kazakhLetters.has(ch)) letters++;
  let kk = 0;
  let ru = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (kazakhWords.has(word)) kk++;
    else if (russianWords.has(word)) ru++;
  }
  if (letters >= KAZAKH_LETTERS_MIN && letters * KAZAKH_LETTER_EVERY >= cyrillicLetters)
    return ru > WORDS_MIN && ru > RUSSIAN_MAJORITY * kk ? 'ru' : 'kk';
  return kk > ru && kk >= WORDS_MIN ? 'kk' : 'ru';
}

function detectLatin(text: string, allowed?: readonly string[]): string {
  const candidates = [...latinWords.keys()].filter((lang) => !allowed || allowed.includes(lang));
  if (candidates.length === 0) return 'und';
  if (candidates.length === 1) return candidates[0] ?? 'und';
  const counts = new Map(candidates.map((lang) => [lang, 0]));
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const lang of candidates) {
      if (latinWords.get(lang)?.has(word)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] === 0 || (second && second[1] === best[1])) return 'und';
  return best[0];
}
