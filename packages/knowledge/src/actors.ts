import { join } from 'node:path';
import { PartialDate, partialDateRange } from '@dyad/contracts';
import { z } from 'zod';
import { DEFAULT_PROFILE } from './default-profile.ts';
import { knowledgeDir, readYamlFile } from './load-yaml.ts';

const Lang = z.enum(['ar', 'fr', 'en', 'ru', 'kk']);
export type ActorLanguage = z.infer<typeof Lang>;
const Country = z.string().regex(/^[A-Z]{2}$/);
const Forms = z.partialRecord(Lang, z.array(z.string().trim().min(1)).min(1));

export const ActorRole = z
  .object({
    /** A key of the lexicons' `offices` (foreign-minister, ambassador, …). */
    office: z.string().regex(/^[a-z-]+$/),
    country: Country,
    /** For an ambassador: the country they are accredited to. */
    to_country: Country.optional(),
    /** For a mayor: the city (canonical English name, as in places.yaml). */
    city: z.string().optional(),
    from: PartialDate.optional(),
    to: PartialDate.optional(),
    /** Dates on which reports show the person in this office, when from/to are not known. */
    seen: z.array(PartialDate).default([]),
    /** The latest report found still shows the person in this office. */
    current: z.boolean().default(false),
  })
  .refine((r) => !(r.current && r.to), { message: 'a current role has no end date' })
  .refine((r) => r.from || r.to || r.seen.length > 0 || r.current, {
    message: 'a role needs from, to, seen or current',
  });
export type ActorRole = z.infer<typeof ActorRole>;

export const Actor = z.object({
  /** Stable slug: `<country>.<surname>` in lower case. */
  id: z.string().regex(/^[a-z]{2}\.[a-z0-9-]+$/),
  country: Country,
  names: Forms.refine((f) => Object.keys(f).length > 0, 'at least one name'),
  /** Forms that identify the person alone (a distinctive surname). */
  short: Forms.default({}),
  roles: z.array(ActorRole).default([]),
});
export type Actor = z.infer<typeof Actor>;

export const ActorsFile = z
  .object({ checked: PartialDate, actors: z.array(Actor).min(1) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, actor] of file.actors.entries()) {
      if (seen.has(actor.id))
        ctx.addIssue({ code: 'custom', path: ['actors', i, 'id'], message: `${actor.id} listed twice` });
      seen.add(actor.id);
      if (!actor.id.startsWith(`${actor.country.toLowerCase()}.`))
        ctx.addIssue({
          code: 'custom',
          path: ['actors', i, 'id'],
          message: 'id must start with the country',
        });
    }
  });
export type ActorsFile = z.infer<typeof ActorsFile>;

export const actorsDir = join(knowledgeDir, 'actors');

/** Reads and checks `actors/<dyad>.yaml` (or a file path). */
export function loadActors(idOrFile = DEFAULT_PROFILE): ActorsFile {
  const file = idOrFile.endsWith('.yaml') ? idOrFile : join(actorsDir, `${idOrFile}.yaml`);
  return readYamlFile(file, ActorsFile);
}

/**
 * The days a role is known to cover: from `from` (else the first sighting) to `to` (else,
 * for a current role, open; else the last sighting). A role with no known start and end is
 * never taken to cover a day it was not seen on.
 */
export function roleSpan(role: ActorRole): { first: string; last: string | null } | null {
  const seen = [...role.seen].sort();
  const startValue = role.from ?? seen[0];
  const endValue = role.to ?? (role.current ? undefined : seen.at(-1));
  if (startValue === undefined && endValue === undefined) return null;
  const first = startValue ? partialDateRange(startValue).first : '0000-01-01';
  if (role.current && !role.to) return { first, last: null };
  const last = endValue ? partialDateRange(endValue).last : first;
  return { first, last };
}

/** Whether the role covers `day` (YYYY-MM-DD) as far as the knowledge base knows. */
export function roleCovers(role: ActorRole, day: string): boolean {
  const span = roleSpan(role);
  if (!span) return false;
  return span.first <= day && (span.last === null || day <= span.last);
}
