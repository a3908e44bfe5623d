import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { ProfileError } from './profile.ts';

const Language = z.enum(['ar', 'fr', 'en', 'ru', 'kk']);
type Language = z.infer<typeof Language>;

const Phrases = z.array(z.string().trim().min(1)).min(1);
/** Phrases per language; every language Dyad reads must have some. */
const PerLanguage = z.record(Language, Phrases);

const MonthNumber = z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);

export const DatesLexicon = z.object({
  months: z.record(Language, z.record(MonthNumber, Phrases)),
  relative: z.object({
    yesterday: PerLanguage,
    today: PerLanguage,
    currentMonth: PerLanguage,
    lastMonth: PerLanguage,
  }),
  yearMarkers: PerLanguage,
  published: PerLanguage,
});
export type DatesLexicon = z.infer<typeof DatesLexicon>;

export const BoilerplateLexicon = z.object({
  lines: PerLanguage,
  prefixes: PerLanguage,
  sections: PerLanguage,
  shareWords: PerLanguage,
  bylines: PerLanguage,
});
export type BoilerplateLexicon = z.infer<typeof BoilerplateLexicon>;

export type LexiconLanguage = Language;

export const lexiconsDir = join(dirname(fileURLToPath(import.meta.url)), '../lexicons');

function load<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ProfileError(file, cause instanceof Error ? cause.message : String(cause), { cause });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ProfileError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}

/** `lexicons/dates.yaml`: month names (Moroccan ones included) and relative-date words. */
export function loadDatesLexicon(file = join(lexiconsDir, 'dates.yaml')): DatesLexicon {
  return load(file, DatesLexicon);
}

/** `lexicons/boilerplate.yaml`: page furniture lines, prefixes, section heads and byline words. */
export function loadBoilerplateLexicon(file = join(lexiconsDir, 'boilerplate.yaml')): BoilerplateLexicon {
  return load(file, BoilerplateLexicon);
}
