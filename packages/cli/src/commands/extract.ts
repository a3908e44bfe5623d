import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { DEFAULT_MAX_BODY_BYTES } from '@dyad/bus';
import { UnsupportedContentError } from '@dyad/clean';
import {
  type ArticleCleaned,
  type EventMessage,
  type EventReport,
  formatEventDate,
  formatIssues,
  LanguageCode,
  PartialDate,
  PublicationDateValue,
  seedUrl,
} from '@dyad/contracts';
import { loadKnowledgeIndex } from '@dyad/extract';
import { profileEnv } from '@dyad/knowledge';
import { type ResolvableArticle, resolveArticles, toEventMessage } from '@dyad/resolve';
import { cleanStep, extractStep, replayedArticle } from '@dyad/stages';
import { z } from 'zod';
import { parseCommandArgs, printedHelp } from '../args.ts';
import { errorMessage, UsageError } from '../errors.ts';
import { type Io, println } from '../io.ts';
import { readUtf8 } from './replay.ts';

export const extractUsage = `Usage: dyad extract [--profile ID] [--published YYYY-MM-DD] [--url U] [--manifest M.jsonl] [--json] FILE|DIR…

Runs clean → extract → resolve in this process, with no servers, over .html/.htm/.txt files
(a directory gives its files, sorted, not recursively), and prints what the pipeline would store:
each article's events, then the merged events shaped as new-event, with their sources. The same
steps as the services (@dyad/stages, @dyad/resolve): an article the cleaner finds not relevant
yields no events, and the events and their ids are those the indexer stores when the files are
replayed in this order. An event's
date says where it came from (the text, the publication date); one nothing dates is "undated".

Options:
  --profile ID     the relationship to read for (a profile id, or a .yaml path); default DYAD_PROFILE, else ma-kz
  --published D    publication date (YYYY-MM-DD) of every file, unless the manifest gives one
  --url U          URL of the (single) file; default seed:<file name>
  --manifest M     JSON lines {file, url?, publishedAt?, lang?}: per-file metadata
  --json           print one JSON document {articles:[…], events:[…]}`;

// One line of a manifest: which file, and what is known of it that the file does not say.
const ManifestEntry = z
  .object({
    file: z.string().min(1),
    url: z
      .string()
      .refine((u) => URL.canParse(u), 'expected an absolute URL')
      .optional(),
    publishedAt: z
      .string()
      .refine(
        (v) => PublicationDateValue.safeParse(v).success,
        'expected YYYY-MM-DD, YYYY-MM, YYYY or an ISO date-time',
      )
      .optional(),
    lang: LanguageCode.optional(),
  })
  .strict();
type ManifestEntry = z.infer<typeof ManifestEntry>;

const TYPES: Record<string, string> = { '.html': 'text/html', '.htm': 'text/html', '.txt': 'text/plain' };

function collect(inputs: readonly string[], cwd: string): string[] {
  if (inputs.length === 0) throw new UsageError('give files or directories to extract', 'extract');
  const files: string[] = [];
  for (const input of inputs) {
    const path = resolve(cwd, input);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`no such file or directory: ${input}`, 'extract');
    }
    if (isDir) {
      for (const name of readdirSync(path).sort())
        if (TYPES[extname(name).toLowerCase()]) files.push(resolve(path, name));
    } else if (TYPES[extname(path).toLowerCase()]) files.push(path);
    else throw new UsageError(`cannot extract ${input}: only .html, .htm and .txt files`, 'extract');
  }
  return files;
}

function readManifest(path: string): Map<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>();
  const base = dirname(path);
  for (const [i, line] of readFileSync(path, 'utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new UsageError(`${path}:${i + 1}: not a JSON object`, 'extract');
    }
    const parsed = ManifestEntry.safeParse(json);
    if (!parsed.success)
      throw new UsageError(`${path}:${i + 1}: ${formatIssues(parsed.error).join('; ')}`, 'extract');
    const entry = parsed.data;
    entries.set(resolve(base, entry.file), entry);
    entries.set(basename(entry.file), entry);
  }
  return entries;
}

/** One article's event, as DESIGN's `dyad extract` shape lists it. */
function articleEvent(e: EventReport) {
  return {
    type: e.type,
    cameo: e.cameo,
    date: e.date,
    location: e.location ?? null,
    participants: e.participants,
    references: e.references ?? [],
    topics: e.topics,
    agreements: e.agreements,
    main: e.main,
    evidence: e.evidence,
  };
}

/** `dyad extract …` */
export async function extractCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('extract', args, {
    profile: { type: 'string' },
    published: { type: 'string' },
    url: { type: 'string' },
    manifest: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (printedHelp(values, io, extractUsage)) return 0;
  if (values.published !== undefined && !PartialDate.safeParse(values.published).success)
    throw new UsageError(`--published takes YYYY-MM-DD, not "${values.published}"`, 'extract');
  const files = collect(positionals, io.cwd);
  if (values.url !== undefined && files.length !== 1)
    throw new UsageError('--url names one file: give exactly one', 'extract');
  const manifest = values.manifest
    ? readManifest(resolve(io.cwd, values.manifest))
    : new Map<string, ManifestEntry>();
  const chosen = profileEnv.DYAD_PROFILE.safeParse(values.profile ?? io.env.DYAD_PROFILE);
  if (!chosen.success)
    throw new UsageError(
      `--profile (or DYAD_PROFILE) takes a profile id like ma-kz or a .yaml path, not "${values.profile ?? io.env.DYAD_PROFILE}"`,
      'extract',
    );
  let knowledge: ReturnType<typeof loadKnowledgeIndex>;
  try {
    knowledge = loadKnowledgeIndex(chosen.data);
  } catch (error) {
    throw new UsageError(`profile ${chosen.data}: ${errorMessage(error)}`, 'extract');
  }
  const { profile } = knowledge;
  const now = new Date().toISOString();
  const articles = [];
  const resolvable: ResolvableArticle[] = [];
  let failed = 0;
  for (const path of files) {
    const meta = manifest.get(path) ?? manifest.get(basename(path));
    const url = values.url ?? meta?.url ?? seedUrl(basename(path));
    const read = readUtf8(path);
    if ('reason' in read) {
      failed += 1;
      println(io.stderr, `dyad extract: ${path}: ${read.reason}`);
      continue;
    }
    // The message `dyad replay` publishes, then the cleaner's and the extractor's steps.
    const fetched = replayedArticle({
      name: basename(path),
      url,
      sourceId: 'replay',
      fetchedAt: now,
      body: {
        contentType: TYPES[extname(path).toLowerCase()] ?? 'text/plain',
        charset: 'utf-8',
        inline: read.text,
      },
    });
    let cleaned: ArticleCleaned;
    try {
      cleaned = cleanStep(fetched, read.text, { profile });
    } catch (error) {
      failed += 1;
      println(
        io.stderr,
        `dyad extract: ${path}: ${error instanceof UnsupportedContentError ? error.message : errorMessage(error)}`,
      );
      continue;
    }
    // What the manifest or --published says of the file beyond what the pipeline would know.
    const publishedAt = meta?.publishedAt ?? values.published;
    const article: ArticleCleaned = {
      ...cleaned,
      ...(meta?.lang ? { lang: meta.lang } : {}),
      ...(publishedAt ? { publishedAt: { value: publishedAt, source: 'meta' } } : {}),
    };
    const { extracted } = extractStep(article, knowledge, DEFAULT_MAX_BODY_BYTES);
    resolvable.push(extracted);
    articles.push({
      file: path,
      url,
      lang: article.lang,
      relevant: extracted.relevance.relevant,
      relevance: extracted.relevance,
      publishedAt: article.publishedAt.value,
      publishedAtSource: article.publishedAt.source,
      events: extracted.events.map(articleEvent),
      // Agreements approved at home (no event): only when the article tells one.
      ...(extracted.agreementActs ? { agreementActs: extracted.agreementActs } : {}),
    });
  }
  const events: EventMessage[] = (await resolveArticles(resolvable, { now })).map(toEventMessage);
  if (values.json) println(io.stdout, JSON.stringify({ articles, events }, null, 2));
  else {
    for (const a of articles) {
      println(
        io.stdout,
        `${a.file}  [${a.lang}${a.publishedAt ? `, ${a.publishedAt}${a.publishedAtSource === 'meta' ? '' : ` (${a.publishedAtSource})`}` : ''}${a.relevant ? '' : ', not relevant'}]`,
      );
      for (const e of a.events)
        println(
          io.stdout,
          `  ${e.main ? '*' : ' '} ${formatEventDate(e.date, { source: true }).padEnd(36)} ${e.type.padEnd(27)} ${e.participants.map((p) => p.actorId).join(', ')}`,
        );
      for (const x of a.agreementActs ?? [])
        println(
          io.stdout,
          `  + ${formatEventDate(x.date, { source: true }).padEnd(36)} ${x.step.padEnd(27)} ${x.name}${x.country ? ` (${x.country})` : ''}`,
        );
    }
    println(io.stdout, `\n${events.length} events after merging:`);
    for (const e of events)
      println(
        io.stdout,
        `  ${e.eventId}  ${formatEventDate(e.date).padEnd(22)} ${e.type.padEnd(27)} ${e.summary}  [${e.sources.length} sources]`,
      );
  }
  return failed > 0 ? 1 : 0;
}
