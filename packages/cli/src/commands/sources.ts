import { isAbsolute, resolve } from 'node:path';
import { parseEnv } from '@dyad/bus';
import { DataFileError } from '@dyad/knowledge';
import {
  defaultSourcesFile,
  loadSources,
  type PreviewItem,
  previewOptionsFromEnv,
  previewSource,
  Source,
  type SourceInput,
  type SourcePreview,
  type SourceReaderEnv,
  sourceReaderEnvSchema,
} from '@dyad/sources';
import { Dedup, fetcherKeys, type SourceState, SourceStateStore } from '@dyad/sources/state';
import type { Redis } from 'ioredis';
import { parseCommandArgs, printedHelp } from '../args.ts';
import { type CliConfig, loadConfig } from '../config.ts';
import { connectRedis } from '../connect.ts';
import { CommandError, errorMessage, UsageError } from '../errors.ts';
import { type Io, type Output, println } from '../io.ts';

export const sourcesUsage = `Usage: dyad sources list [--file F] [--json] [--namespace NS]
       dyad sources test <url | source id> [--kind rss|sitemap|html] [--selector CSS]
                         [--lang L] [--country MA|KZ] [--focused] [--file F] [--json]

The fetcher's sources (sources.yaml: $SOURCES_FILE, else the fetcher's shipped list).

  list   every source with its kind, language, interval and what the fetcher recorded for it
         (polls, 304s, new items, duplicates, filtered, errors, last success, and FAILING with
         the last error when it failed too many polls in a row). Reads Redis; nothing changes.
  test   reads a source once, as a poll would (same checks: addresses, robots.txt, redirects,
         size and time limits), and shows what would be fetched: each item's canonical URL,
         article id, date and title, marked new, filtered-out (keyword pre-filter) or
         already-queued. Nothing is queued or published. A source id, or the URL of a source in
         the file, uses its settings; any other URL is read as --kind (default rss).

Options:
  --file F         the sources file (default: $SOURCES_FILE, else the shipped list)
  --kind K         rss, sitemap or html (test, for a URL not in the file)
  --selector CSS   the article links of an html listing page
  --lang L         language hint (default en)
  --country C      the outlet's country, MA or KZ (decides what the pre-filter looks for)
  --focused        every item is about the dyad: no pre-filter
  --json           print JSON
  --namespace NS   namespace of the fetcher's Redis state (default: $DYAD_NAMESPACE or none)

Environment: as the fetcher's (FETCH_ALLOW_ADDRESSES, FETCH_TIMEOUT_MS, USER_AGENT, DYAD_PROFILE…).
Exit status: 1 when the file is invalid or the source could not be read.`;

function sourcesFile(io: Io, option: string | undefined): string {
  const file = option ?? io.env.SOURCES_FILE ?? defaultSourcesFile;
  return isAbsolute(file) ? file : resolve(io.cwd, file);
}

function loadFile(file: string) {
  try {
    return loadSources(file);
  } catch (error) {
    if (error instanceof DataFileError) {
      throw new CommandError(`invalid sources file ${file}:\n  ${error.issues.join('\n  ')}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Redis for the fetcher's state, or undefined (with a note) when it cannot be reached. */
async function optionalRedis(config: CliConfig, stderr: Output): Promise<Redis | undefined> {
  try {
    return await connectRedis(config.redisUrl, 2_000);
  } catch (error) {
    println(stderr, `note: no fetcher state shown (${errorMessage(error).split('. ')[0]})`);
    return undefined;
  }
}

function ago(iso: string | undefined, now: number): string {
  if (!iso) return 'never';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 120) return `${s}s ago`;
  if (s < 7_200) return `${Math.round(s / 60)}m ago`;
  if (s < 172_800) return `${Math.round(s / 3_600)}h ago`;
  return `${Math.round(s / 86_400)}d ago`;
}

function interval(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

export function formatSourceLine(source: Source, state: SourceState | undefined, now = Date.now()): string[] {
  const where = source.country ?? 'intl';
  const scope = source.focused
    ? 'focused'
    : `pre-filter:${source.match ?? (source.country ? 'counterpart' : 'both')}`;
  const head = `${source.id.padEnd(28)} ${source.kind.padEnd(7)} ${source.lang} ${where.padEnd(4)} every ${interval(source.interval).padEnd(4)} ${scope}${source.enabled ? '' : '  (disabled)'}`;
  const lines = [head, `    ${source.url}`];
  if (state) {
    const status = state.failing ? 'FAILING' : state.consecutiveFailures > 0 ? 'retrying' : 'ok';
    lines.push(
      `    ${status}: ${state.polls} polls, ${state.notModified} not modified, ${state.newItems} new, ${state.duplicates} duplicates, ${state.filtered} filtered, ${state.errors} errors; last success ${ago(state.lastSuccessAt, now)}`,
    );
    if (state.consecutiveFailures > 0 && state.lastError) {
      lines.push(`    last error (${state.consecutiveFailures} in a row): ${state.lastError}`);
    }
  }
  return lines;
}

async function listCommand(
  io: Io,
  values: { file?: string; json: boolean; namespace?: string },
): Promise<number> {
  const config = loadConfig(io.env, values.namespace);
  const file = sourcesFile(io, values.file);
  const { sources } = loadFile(file);
  const redis = await optionalRedis(config, io.stderr);
  try {
    const store = redis ? new SourceStateStore(redis, fetcherKeys(config.names)) : undefined;
    const states = store ? await Promise.all(sources.map((s) => store.get(s.id))) : [];
    if (values.json) {
      println(
        io.stdout,
        JSON.stringify({ file, sources: sources.map((s, i) => ({ ...s, state: states[i] ?? null })) }),
      );
      return 0;
    }
    println(io.stdout, `${sources.length} sources in ${file}`);
    for (const [i, source] of sources.entries()) {
      for (const line of formatSourceLine(source, states[i])) println(io.stdout, line);
    }
    return 0;
  } finally {
    redis?.disconnect();
  }
}

export function formatPreviewItem(item: PreviewItem): string {
  const date = item.publishedAt?.slice(0, 10) ?? '----------';
  const via = item.via ? `  (via ${item.via})` : '';
  return `${item.status.padEnd(14)} ${date}  ${item.title ?? '(no title)'}\n${' '.repeat(15)}${item.url}  ${item.articleId.slice(0, 12)}${via}`;
}

function adHocSource(url: string, values: Record<string, string | boolean | undefined>): Source {
  const input: Record<string, unknown> = {
    id: 'adhoc',
    name: url,
    url,
    kind: values.kind ?? 'rss',
    lang: values.lang ?? 'en',
    focused: values.focused === true,
    ...(values.country ? { country: values.country } : {}),
    ...(values.selector ? { selector: values.selector } : {}),
  };
  const parsed = Source.safeParse(input as SourceInput);
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'source'}: ${i.message}`).join('; '),
      'sources',
    );
  }
  return parsed.data;
}

async function testCommand(
  io: Io,
  target: string,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const config = loadConfig(io.env, values.namespace as string | undefined);
  let env: SourceReaderEnv;
  try {
    env = parseEnv('fetcher', sourceReaderEnvSchema, { ...io.env });
  } catch (error) {
    throw new CommandError(errorMessage(error), { cause: error });
  }
  const file = sourcesFile(io, values.file as string | undefined);
  const inFile =
    values.file !== undefined || io.env.SOURCES_FILE !== undefined || !URL.canParse(target)
      ? loadFile(file).sources
      : safeSources(file);
  const known = inFile.find((s) => s.id === target || s.url === target);
  if (!known && !URL.canParse(target))
    throw new UsageError(`"${target}" is neither a URL nor a source id in ${file}`, 'sources');
  const source = known ?? adHocSource(target, values);
  const redis = await optionalRedis(config, io.stderr);
  let preview: SourcePreview;
  try {
    const dedup = redis ? new Dedup(redis, fetcherKeys(config.names)) : undefined;
    preview = await previewSource(source, previewOptionsFromEnv(env, dedup));
  } finally {
    redis?.disconnect();
  }
  const counts = { new: 0, 'filtered-out': 0, 'already-queued': 0 };
  for (const item of preview.items) counts[item.status]++;
  if (values.json) {
    println(io.stdout, JSON.stringify({ ...preview, counts }));
    return preview.error ? 1 : 0;
  }
  println(
    io.stdout,
    `source ${source.id}: ${source.kind}, ${source.lang}, ${source.focused ? 'focused' : 'pre-filtered'}`,
  );
  for (const doc of preview.documents) {
    println(
      io.stdout,
      `read ${doc.url}${doc.finalUrl === doc.url ? '' : ` → ${doc.finalUrl}`}: ${doc.items} items`,
    );
  }
  for (const item of preview.items) println(io.stdout, formatPreviewItem(item));
  for (const skip of preview.skipped) println(io.stdout, `skipped        ${skip.link}: ${skip.reason}`);
  if (preview.error) {
    println(io.stderr, `cannot read the source: ${preview.error.message}`);
    return 1;
  }
  println(
    io.stdout,
    `${counts.new} would be fetched, ${counts['filtered-out']} filtered out, ${counts['already-queued']} already queued; nothing was queued or published.`,
  );
  return 0;
}

/** The shipped list is consulted for a URL only when it is valid; a broken list does not stop a test of a URL. */
function safeSources(file: string): readonly Source[] {
  try {
    return loadSources(file).sources;
  } catch {
    return [];
  }
}

export async function sourcesCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('sources', args, {
    file: { type: 'string' },
    json: { type: 'boolean', default: false },
    kind: { type: 'string' },
    selector: { type: 'string' },
    lang: { type: 'string' },
    country: { type: 'string' },
    focused: { type: 'boolean', default: false },
  });
  if (printedHelp(values, io, sourcesUsage)) return 0;
  const [action, target, ...rest] = positionals;
  if (action === 'list') {
    if (target !== undefined) throw new UsageError(`list takes no arguments (got "${target}")`, 'sources');
    return listCommand(io, values);
  }
  if (action === 'test') {
    if (target === undefined) throw new UsageError('test needs a URL or a source id', 'sources');
    if (rest.length)
      throw new UsageError(`test takes one URL or source id (got ${rest.length + 1})`, 'sources');
    return testCommand(io, target, values);
  }
  throw new UsageError(
    action === undefined ? 'say list or test' : `unknown action "${action}": say list or test`,
    'sources',
  );
}
