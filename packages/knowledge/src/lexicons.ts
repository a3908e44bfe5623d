import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readYamlFile } from './load-yaml.ts';

const Language = z.enum(['ar', 'fr', 'en', 'ru', 'kk']);
type Language = z.infer<typeof Language>;

const Phrases = z.array(z.string().trim().min(1)).min(1);
/** Phrases per language; every language Dyad reads must have some. */
const PerLanguage = z.record(Language, Phrases);

const MonthNumber = z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);

const WeekdayNumber = z.enum(['1', '2', '3', '4', '5', '6', '7']);

/** `lexicons/dates.yaml`: the one home of month and weekday names, for the cleaner and the extractor. */
export const DatesLexicon = z.object({
  months: z.record(Language, z.record(MonthNumber, Phrases)),
  /** ISO weekday 1 (Monday) – 7 (Sunday) → forms. */
  weekdays: z.record(Language, z.record(WeekdayNumber, Phrases)),
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

/** `lexicons/dates.yaml`: month names (Moroccan ones included) and relative-date words. */
export function loadDatesLexicon(file = join(lexiconsDir, 'dates.yaml')): DatesLexicon {
  return readYamlFile(file, DatesLexicon);
}

/** `lexicons/boilerplate.yaml`: page furniture lines, prefixes, section heads and byline words. */
export function loadBoilerplateLexicon(file = join(lexiconsDir, 'boilerplate.yaml')): BoilerplateLexicon {
  return readYamlFile(file, BoilerplateLexicon);
}
