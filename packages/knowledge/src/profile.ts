import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Actor, loadActors } from './actors.ts';
import { DEFAULT_PROFILE } from './default-profile.ts';
import { readYamlFile } from './load-yaml.ts';
import { loadPlaces, type Place } from './places.ts';

const Language = z.enum(['ar', 'fr', 'en', 'ru', 'kk']);
export type ProfileLanguage = z.infer<typeof Language>;

/** Forms per language; every profile language must have at least one. */
const Forms = z.partialRecord(Language, z.array(z.string().trim().min(1)).min(1));

export const CountryProfile = z.object({
  code: z.string().regex(/^[A-Z]{2}$/),
  names: Forms,
  demonyms: Forms,
  capitals: Forms,
  /**
   * Cities beyond those `world/places.yaml` gives for the country (a profile file given by path may
   * name its own): loadProfile adds the places, so the two profiles here list none.
   */
  cities: Forms.default({}),
  leaders: Forms.default({}),
  /**
   * Bodies that belong to one country only and act for it (its presidency, its parliament's own
   * name, its central bank): "the Kremlin said", "Akorda reported" name the side that acts.
   */
  institutions: Forms.default({}),
  /**
   * Its news agencies (Kazinform, MAP): they say an article comes from that country's press, which
   * relevance counts like an institution, but they are a source, never a party to what they report.
   */
  agencies: Forms.default({}),
  /**
   * How the press calls the country once it has named it: "the Kingdom", "le Royaume", "المملكة"
   * ("the minister, on an official visit to the Kingdom"). The extractor reads one as naming the
   * country, unless it begins a longer name ("the Kingdom of Saudi Arabia"); relevance does not
   * count it.
   */
  styles: Forms.default({}),
});
export type CountryProfile = z.infer<typeof CountryProfile>;

/** How much each kind of mention says that an article is about a country, 0–1. */
const Weights = z.object({
  names: z.number().min(0).max(1).default(1),
  demonyms: z.number().min(0).max(1).default(0.8),
  capitals: z.number().min(0).max(1).default(0.7),
  leaders: z.number().min(0).max(1).default(0.9),
  institutions: z.number().min(0).max(1).default(0.8),
  agencies: z.number().min(0).max(1).default(0.8),
  cities: z.number().min(0).max(1).default(0.4),
});

/** When the cleaner calls an article relevant to the dyad (see @dyad/clean's relevance scorer). */
const RelevanceSettings = z.object({
  /** Score from which an article is relevant. */
  threshold: z.number().min(0).max(1).default(0.45),
  weights: Weights.default(Weights.parse({})),
});

export const Profile = z
  .object({
    id: z.string().regex(/^[a-z]{2}-[a-z]{2}$/),
    name: z.string().min(1),
    languages: z.array(Language).min(1),
    countries: z.tuple([CountryProfile, CountryProfile]),
    /**
     * Positions the press of this relationship speaks of, per language ("autonomy plan", "plan
     * d'autonomie", "الحكم الذاتي"): with a support word, a policy statement. The language lexicons
     * hold the positions any relationship's press speaks of ("territorial integrity").
     */
    positions: Forms.default({}),
    relevance: RelevanceSettings.default(RelevanceSettings.parse({})),
  })
  .superRefine((profile, ctx) => {
    for (const [i, country] of profile.countries.entries()) {
      for (const field of ['names', 'demonyms', 'capitals'] as const) {
        for (const lang of profile.languages) {
          if (!country[field][lang]?.length) {
            ctx.addIssue({
              code: 'custom',
              path: ['countries', i, field, lang],
              message: `${country.code} has no ${field} in ${lang}`,
            });
          }
        }
      }
    }
  });
export type Profile = z.infer<typeof Profile>;

export const profilesDir = join(dirname(fileURLToPath(import.meta.url)), '../profiles');

export { DEFAULT_PROFILE };

/**
 * The one setting every service and the CLI read to know which relationship they watch: the id of
 * a file in `profiles/` (or a path to a profile file).
 */
export const profileEnv = {
  DYAD_PROFILE: z
    .string()
    .regex(/^([a-z]{2}-[a-z]{2}|.+\.yaml)$/, 'expected a profile id like ma-kz, or a path to a .yaml profile')
    .default(DEFAULT_PROFILE),
};

/**
 * Reads and checks `profiles/<id>.yaml` (or a file path); a DataFileError names each bad field. A
 * country's cities are the profile's own and every place `world/places.yaml` gives for it (its
 * regions and cities, written once there for the extractor's locations and relevance alike).
 */
export function loadProfile(
  idOrFile = DEFAULT_PROFILE,
  places: readonly Place[] = loadPlaces(),
  actors: readonly Actor[] = idOrFile.endsWith('.yaml') ? [] : loadActors(idOrFile).actors,
): Profile {
  const file = idOrFile.endsWith('.yaml') ? idOrFile : join(profilesDir, `${idOrFile}.yaml`);
  return withActors(withPlaces(readYamlFile(file, Profile), places), actors);
}

/**
 * The profile with the full names of the people the knowledge base knows added to their country's
 * leaders: "تلقى سامح شكري اتصالاً هاتفيا من نظيره الروسي سيرجي لافروف" names Egypt by its minister
 * as surely as by its name. Short forms (surnames alone) are left out: they are more often shared.
 */
export function withActors(profile: Profile, actors: readonly Actor[]): Profile {
  return withForms(profile, 'leaders', (country, lang) =>
    actors.filter((a) => a.country === country.code).flatMap((a) => a.names[lang] ?? []),
  );
}

/** The profile with each country's places added to its cities (its capital's forms left to `capitals`). */
export function withPlaces(profile: Profile, places: readonly Place[]): Profile {
  return withForms(profile, 'cities', (country, lang) => {
    const capitals = new Set((country.capitals[lang] ?? []).map((c) => c.toLowerCase()));
    return places
      .filter((p) => p.country === country.code)
      .flatMap((p) => p[lang] ?? [])
      .filter((form) => !capitals.has(form.toLowerCase()));
  });
}

/** Each country's forms of one kind with `added` ones after its own, once each, per profile language. */
function withForms(
  profile: Profile,
  kind: 'cities' | 'leaders',
  added: (country: CountryProfile, lang: ProfileLanguage) => readonly string[],
): Profile {
  const extend = (country: CountryProfile): CountryProfile => {
    const forms: Partial<Record<ProfileLanguage, string[]>> = {};
    for (const lang of profile.languages) {
      const all = [...new Set([...(country[kind][lang] ?? []), ...added(country, lang)])];
      if (all.length > 0) forms[lang] = all;
    }
    return { ...country, [kind]: forms };
  };
  const [a, b] = profile.countries;
  return { ...profile, countries: [extend(a), extend(b)] };
}

/** The kinds of forms that name a country, in the order relevance reasons list them. */
export const termKinds = [
  'names',
  'demonyms',
  'capitals',
  'leaders',
  'institutions',
  'agencies',
  'cities',
] as const;
export type TermKind = (typeof termKinds)[number];

/** Every form that names a country, by kind, across languages: what relevance and pre-filters match. */
export function countryTerms(
  country: CountryProfile,
): { kind: TermKind; lang: ProfileLanguage; term: string }[] {
  const out: { kind: TermKind; lang: ProfileLanguage; term: string }[] = [];
  for (const kind of termKinds) {
    for (const [lang, terms] of Object.entries(country[kind]) as [ProfileLanguage, string[]][]) {
      for (const term of terms) out.push({ kind, lang, term });
    }
  }
  return out;
}
