import { type CountryProfile, countryTerms, type Profile } from '@dyad/knowledge';
import type { ListedItem } from '../feeds/listed-item.ts';
import type { Source } from '../sources/source-schema.ts';

/**
 * The relevance pre-filter of non-focused sources: an item is fetched only when its title,
 * summary or URL names a side of the dyad, with the profile's names, demonyms, capitals, cities
 * and leaders in every language. It is deliberately generous; the cleaner decides on the text.
 *
 * Matching is on folded text (case, Latin diacritics, Arabic letter variants and diacritics).
 * Arabic terms match anywhere (clitics such as و ب ل attach to the word); Cyrillic terms match at
 * the start of a word (case endings: Казахстане); Latin terms match whole words.
 */

export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // Latin/Cyrillic combining marks (é → e; й → и on both sides)
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '') // Arabic harakat, dagger alif, tatweel
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .toLowerCase()
    .replace(/[-‐‑–—_/]+/g, ' ');
}

type Script = 'arabic' | 'cyrillic' | 'latin';

function scriptOf(term: string): Script {
  if (/[\u0600-\u06ff]/.test(term)) return 'arabic';
  if (/[\u0400-\u04ff]/.test(term)) return 'cyrillic';
  return 'latin';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function countryPattern(country: CountryProfile): RegExp {
  const parts = new Set<string>();
  for (const { term } of countryTerms(country)) {
    const folded = escapeRegExp(foldText(term).trim());
    if (!folded) continue;
    switch (scriptOf(term)) {
      case 'arabic':
        parts.add(folded);
        break;
      case 'cyrillic':
        parts.add(`(?<![\\p{L}\\p{N}])${folded}`);
        break;
      case 'latin':
        parts.add(`(?<![\\p{L}\\p{N}])${folded}(?![\\p{L}\\p{N}])`);
        break;
    }
  }
  return new RegExp([...parts].join('|'), 'u');
}

export interface PrefilterVerdict {
  readonly pass: boolean;
  /** Which countries the item names, by code. */
  readonly named: readonly string[];
}

export interface Prefilter {
  check(source: Source, item: ListedItem): PrefilterVerdict;
}

export function createPrefilter(
  profile: Profile,
  options: { enabled: boolean } = { enabled: true },
): Prefilter {
  const countries = profile.countries.map((c) => ({ code: c.code, re: countryPattern(c) }));
  return {
    check(source, item) {
      if (source.focused || !options.enabled) return { pass: true, named: [] };
      let path = '';
      try {
        path = decodeURIComponent(new URL(item.link).pathname);
      } catch {
        path = item.link;
      }
      const text = foldText([item.title, item.summary, path].filter(Boolean).join(' \n '));
      const named = countries.filter((c) => c.re.test(text)).map((c) => c.code);
      const match = source.match ?? (source.country ? 'counterpart' : 'both');
      let pass: boolean;
      if (match === 'either') pass = named.length > 0;
      else if (match === 'both') pass = named.length === countries.length;
      else pass = named.some((code) => code !== source.country);
      return { pass, named };
    },
  };
}
