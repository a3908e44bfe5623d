/**
 * The gold sets of `pnpm bench:extract-quality`, their schema and where they live:
 *  - `real` and `sealed`: real articles from outlets (bench/real/, one YAML file an article, see its
 *    README), split by a hash of the URL into dev (60%) and sealed (40%);
 *  - `tuning-1` and `tuning-2`: texts written for the project (bench/tuning-N/<lang>.yaml), which
 *    the rules were tuned on.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventType, PartialDate } from '@dyad/contracts';
import { DEFAULT_PROFILE } from '@dyad/knowledge';
import { parse } from 'yaml';
import { z } from 'zod';

export const BENCH_DIR = import.meta.dirname;
export const REAL_DIR = join(BENCH_DIR, 'real');

/** Where a profile's real articles are: bench/real for ma-kz, bench/real-<profile> for another. */
export function realDir(profile = DEFAULT_PROFILE): string {
  return profile === DEFAULT_PROFILE ? REAL_DIR : join(BENCH_DIR, `real-${profile}`);
}

export const GOLD_LANGS = ['ar', 'fr', 'en', 'ru', 'kk'] as const;
export type GoldLang = (typeof GOLD_LANGS)[number];

export const SETS = ['real', 'sealed', 'tuning-1', 'tuning-2'] as const;
export type SetName = (typeof SETS)[number];

const PRECISION_LENGTH = { year: 4, month: 7, day: 10 } as const;
export const GoldDate = z
  .object({ value: PartialDate, end: PartialDate.optional(), precision: z.enum(['year', 'month', 'day']) })
  .strict()
  .refine((d) => d.value.length === PRECISION_LENGTH[d.precision], 'precision does not fit the value')
  .refine((d) => d.end === undefined || d.end.length === d.value.length, 'end and value differ in precision')
  .refine((d) => d.end === undefined || d.end > d.value, 'end is not after value');
export type GoldDate = z.infer<typeof GoldDate>;

export const GoldParticipant = z.union([
  z.string().regex(/^[a-z]{2}\.[a-z0-9-]+$/, 'a knowledge-base id such as kz.tokayev'),
  z.object({ unknown: z.string().min(1), country: z.string().regex(/^[A-Z]{2}$/) }).strict(),
]);

export const GoldEvent = z
  .object({
    type: EventType,
    note: z.string().optional(),
    /** null: neither the text nor the publication date fixes even the year. */
    date: GoldDate.nullable(),
    participants: z.array(GoldParticipant),
    location: z.string().min(1).nullable(),
    agreements: z.array(z.string().min(1)).optional(),
    evidence: z.string().min(1).optional(),
  })
  .strict();
export type GoldEvent = z.infer<typeof GoldEvent>;

const Gold = z.object({ main: z.array(GoldEvent), referred: z.array(GoldEvent) }).strict();

/** One article to score, whichever set it comes from. */
export interface GoldArticle {
  readonly id: string;
  readonly lang: GoldLang;
  readonly url?: string;
  /** YYYY-MM-DD, YYYY-MM, or null when the page gives none. */
  readonly publishedAt: string | null;
  readonly relevant: boolean;
  readonly text: string;
  readonly gold: z.infer<typeof Gold>;
}

// ── Real articles ───────────────────────────────────────────────────────────────────────────

export const RealArticle = z
  .object({
    url: z.string().refine((u) => URL.canParse(u), 'an absolute URL'),
    outlet: z.string().min(1),
    lang: z.enum(GOLD_LANGS),
    publishedAt: z
      .string()
      .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'YYYY-MM-DD or YYYY-MM')
      .nullable(),
    publishedAtFrom: z.enum(['page', 'url', 'none']),
    found: z.string().min(1),
    relevant: z.boolean(),
    text: z.string().min(1),
    gold: Gold,
    notes: z.string().optional(),
  })
  .strict()
  .refine((a) => a.relevant || (a.gold.main.length === 0 && a.gold.referred.length === 0), {
    message: 'an article that is not about the dyad has no gold events',
  })
  .refine((a) => (a.publishedAt === null) === (a.publishedAtFrom === 'none'), {
    message: 'publishedAtFrom is none exactly when publishedAt is null',
  });
export type RealArticle = z.infer<typeof RealArticle>;

/** The split and id an article's URL gives it: dev for 60% of the hashes, sealed for the rest. */
export function splitOf(url: string): { split: 'dev' | 'sealed'; hash: string } {
  const h = createHash('sha256').update(url, 'utf8').digest('hex');
  return { split: Number.parseInt(h.slice(0, 8), 16) % 100 < 60 ? 'dev' : 'sealed', hash: h.slice(0, 10) };
}

export interface RealFile {
  readonly split: 'dev' | 'sealed';
  readonly lang: string;
  readonly file: string;
  readonly id: string;
}

/**
 * The article files git does not track yet, when the folder is in a git checkout (else none). Gold
 * is committed before the code first runs on it: the bench leaves such files out and says so.
 */
export function untrackedRealFiles(root = REAL_DIR): ReadonlySet<string> {
  const listed = (args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean)
      .map((f) => join(root, f));
  try {
    return new Set(listed(['ls-files', '--others', '--exclude-standard', '.']));
  } catch {
    return new Set();
  }
}

/** Every article file of the real set, by split and language (no content read). */
export function realFiles(split?: 'dev' | 'sealed', root = REAL_DIR): RealFile[] {
  const out: RealFile[] = [];
  for (const s of split ? [split] : (['dev', 'sealed'] as const)) {
    for (const lang of GOLD_LANGS) {
      const dir = join(root, s, lang);
      let names: string[] = [];
      try {
        names = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
      } catch {
        continue;
      }
      for (const name of names.sort())
        out.push({ split: s, lang, file: join(dir, name), id: name.replace(/\.yaml$/, '') });
    }
  }
  return out;
}

/** A parse failure that names the file and the field, never the text or the gold. */
export class GoldFileError extends Error {
  override readonly name = 'GoldFileError';
}

export function readRealFile(file: RealFile): RealArticle {
  let json: unknown;
  try {
    json = parse(readFileSync(file.file, 'utf8'));
  } catch (cause) {
    throw new GoldFileError(`${file.split}/${file.lang}/${file.id}: not YAML`, { cause });
  }
  const parsed = RealArticle.safeParse(json);
  if (!parsed.success)
    throw new GoldFileError(
      `${file.split}/${file.lang}/${file.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

function loadReal(split: 'dev' | 'sealed', root: string): GoldArticle[] {
  const untracked = untrackedRealFiles(root);
  const files = realFiles(split, root);
  const left = files.filter((f) => untracked.has(f.file));
  if (left.length > 0)
    console.error(
      `${left.length} ${split} article file(s) not committed yet are left out: commit the gold before scoring it`,
    );
  return files
    .filter((f) => !untracked.has(f.file))
    .map((f) => {
      const a = readRealFile(f);
      return {
        id: f.id,
        lang: a.lang,
        url: a.url,
        publishedAt: a.publishedAt,
        relevant: a.relevant,
        text: a.text,
        gold: a.gold,
      };
    });
}

// ── Tuning sets ─────────────────────────────────────────────────────────────────────────────

const TuningArticle = z
  .object({
    id: z.string().regex(/^(ar|fr|en|ru)-\d{2}$/),
    publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    relevant: z.boolean(),
    text: z.string().min(1),
    gold: Gold,
  })
  .strict();
const TuningFile = z.object({ articles: z.array(TuningArticle).min(1) }).strict();

function loadTuning(set: 'tuning-1' | 'tuning-2'): GoldArticle[] {
  const out: GoldArticle[] = [];
  for (const lang of ['ar', 'fr', 'en', 'ru'] as const) {
    const file = join(BENCH_DIR, set, `${lang}.yaml`);
    const parsed = TuningFile.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new GoldFileError(
        `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    for (const a of parsed.data.articles) out.push({ ...a, lang });
  }
  return out;
}

export function loadSet(set: SetName, profile = DEFAULT_PROFILE): GoldArticle[] {
  if (set === 'real') return loadReal('dev', realDir(profile));
  if (set === 'sealed') return loadReal('sealed', realDir(profile));
  if (profile !== DEFAULT_PROFILE) throw new Error(`${set} is a set of ${DEFAULT_PROFILE} only`);
  return loadTuning(set);
}
