import { join } from 'node:path';
import { z } from 'zod';
import { knowledgeDir, readYamlFile } from './load-yaml.ts';

const Country = z.string().regex(/^[A-Z]{2}$/);
const Forms = z.array(z.string().trim().min(1));

export const Place = z.object({
  /** Canonical English name: what reports carry, whatever the article's language. */
  name: z.string().min(1),
  country: Country,
  ar: Forms.min(1),
  fr: Forms.min(1),
  en: Forms.min(1),
  ru: Forms.min(1),
  kk: Forms.optional(),
});
export type Place = z.infer<typeof Place>;

export const PlacesFile = z.object({ places: z.array(Place).min(1) });

/** A country outside the dyad, by names and demonyms. */
export const ThirdCountry = z.object({
  code: Country,
  ar: Forms.min(1),
  fr: Forms.min(1),
  en: Forms.min(1),
  ru: Forms.min(1),
  kk: Forms.min(1),
});
export type ThirdCountry = z.infer<typeof ThirdCountry>;

export const CountriesFile = z.object({ countries: z.array(ThirdCountry).min(1) });

export const Gathering = z.object({
  series: z.string().regex(/^[a-z-]+$/),
  number: z.int().positive(),
  from: z.iso.date(),
  to: z.iso.date(),
  place: z.string().min(1),
});
export type Gathering = z.infer<typeof Gathering>;

export const GatheringsFile = z.object({ gatherings: z.array(Gathering) });

export function loadPlaces(): Place[] {
  return readYamlFile(join(knowledgeDir, 'world', 'places.yaml'), PlacesFile).places;
}

export function loadThirdCountries(): ThirdCountry[] {
  return readYamlFile(join(knowledgeDir, 'world', 'countries.yaml'), CountriesFile).countries;
}

export function loadGatherings(): Gathering[] {
  return readYamlFile(join(knowledgeDir, 'world', 'gatherings.yaml'), GatheringsFile).gatherings;
}
