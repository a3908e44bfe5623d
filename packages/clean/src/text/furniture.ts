import { type BoilerplateLexicon, loadBoilerplateLexicon } from '@dyad/knowledge';
import { foldedWords } from '@dyad/text';

/** What a line of page text is, as far as the furniture lexicon can tell. */
export type LineKind = 'furniture' | 'section' | 'text';

export interface FurnitureLexicon {
  classify(line: string): LineKind;
  /** The name in a byline ("By Jane Doe" → "Jane Doe"), when the line is one. */
  bylineName(line: string): string | undefined;
}

function phraseSet(perLanguage: Record<string, readonly string[]>): Set<string> {
  const set = new Set<string>();
  for (const list of Object.values(perLanguage)) {
    for (const phrase of list) {
      const key = foldedWords(phrase).join(' ');
      if (key) set.add(key);
    }
  }
  return set;
}

/** Tokens without counters and bullets: "Comments (12)" → comments. */
function lineTokens(line: string): string[] {
  return foldedWords(line).filter((t) => !/^\d+$/.test(t));
}

/** Longest phrase length in tokens, to bound prefix look-ups. */
function longest(set: ReadonlySet<string>): number {
  let max = 0;
  for (const phrase of set) max = Math.max(max, phrase.split(' ').length);
  return max;
}

const NAME_WORD = /^[\p{Lu}][\p{L}'’.-]*$/u;

export function compileFurniture(lexicon: BoilerplateLexicon): FurnitureLexicon {
  const lines = phraseSet(lexicon.lines);
  const prefixes = phraseSet(lexicon.prefixes);
  const sections = phraseSet(lexicon.sections);
  const maxPrefix = longest(prefixes);
  const shareWords = new Set([...phraseSet(lexicon.shareWords)].flatMap((phrase) => phrase.split(' ')));
  const bylineWords = [...phraseSet(lexicon.bylines)].sort((a, b) => b.length - a.length);

  return {
    classify(line) {
      const tokens = lineTokens(line);
      if (tokens.length === 0) return line.trim() ? 'furniture' : 'text';
      const key = tokens.join(' ');
      if (sections.has(key)) return 'section';
      if (lines.has(key)) return 'furniture';
      // A share bar: nothing but the names of share buttons.
      if (tokens.every((t) => shareWords.has(t))) return 'furniture';
      for (let n = Math.min(maxPrefix, tokens.length); n >= 1; n--) {
        if (prefixes.has(tokens.slice(0, n).join(' '))) return 'furniture';
      }
      return 'text';
    },
    bylineName(line) {
      const trimmed = line.trim();
      if (trimmed.length > 80 || /[.!?؟:;]\s*\S/.test(trimmed.replace(/^[^:]{0,20}:/, ''))) return undefined;
      const tokens = foldedWords(trimmed);
      for (const word of bylineWords) {
        const n = word.split(' ').length;
        if (tokens.slice(0, n).join(' ') !== word || tokens.length <= n) continue;
        // Drop the byline word as written (first n words of the line) and any colon after it.
        const rest = trimmed
          .split(/\s+/u)
          .slice(n)
          .join(' ')
          .replace(/^[:：\s-]+/u, '')
          .trim();
        if (looksLikeName(rest)) return rest;
      }
      return undefined;
    },
  };
}

/**
 * A personal name: 1–5 words, no digits, no sentence punctuation; in Latin and Cyrillic script
 * every word capitalised (so "Par ailleurs" or "in Politique" is not a name).
 */
export function looksLikeName(text: string): boolean {
  const words = text.split(/\s+/u).filter(Boolean);
  if (words.length < 1 || words.length > 5 || /[\d!?؟;:«»"“”()]/u.test(text)) return false;
  const cased = words.filter((w) => /[\p{Script=Latin}\p{Script=Cyrillic}]/u.test(w));
  const connectors = new Set([
    'de',
    'du',
    'van',
    'von',
    'der',
    'el',
    'al',
    'ben',
    'bin',
    'ibn',
    'la',
    'le',
    'and',
    'et',
  ]);
  return cased.every((w) => NAME_WORD.test(w) || connectors.has(w.toLowerCase()));
}

let cached: FurnitureLexicon | undefined;

/** The furniture lexicon of `@dyad/knowledge`, compiled once per process. */
export function furniture(): FurnitureLexicon {
  cached ??= compileFurniture(loadBoilerplateLexicon());
  return cached;
}
