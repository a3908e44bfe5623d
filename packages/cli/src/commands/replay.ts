import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { INLINE_BODY_MAX_BYTES, type NatsBus } from '@dyad/bus';
import { ArticleFetched, articleIdFor, type FetchedBody, seedUrl } from '@dyad/contracts';
import { replayedArticle } from '@dyad/stages';
import { parseCommandArgs, printedHelp } from '../args.ts';
import { loadConfig } from '../config.ts';
import { connectBus } from '../connect.ts';
import { errorMessage, UsageError } from '../errors.ts';
import { type Io, type Output, println } from '../io.ts';

export const replayUsage = `Usage: dyad replay <dir | file…> [--source-id ID] [--json] [--namespace NS]

Publishes files as article.fetched (origin "replay"), as if the fetcher had fetched them.
A directory gives its .txt, .html and .htm files (sorted, not recursive); anything else in it
is skipped and reported. Each file's URL is seed:<file name> and its article id the SHA-256 of
that URL, so replaying a file again is a duplicate (dropped by the stream within its 2 h
duplicate window; later, the stages see the same article id and store nothing new).

Options:
  --source-id ID   sourceId of the messages (default: replay)
  --json           print one JSON summary object instead of progress lines
  --namespace NS   namespace of streams and subjects (default: $DYAD_NAMESPACE or none)

Exit status: 0 when every file was published or was a duplicate, 1 when any failed.`;

const CONTENT_TYPES: Record<string, 'text/plain' | 'text/html'> = {
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
};

export interface ReplayFile {
  /** Absolute path. */
  readonly path: string;
  /** As shown to the user: relative to the working directory when inside it. */
  readonly display: string;
  readonly contentType: 'text/plain' | 'text/html';
}

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface CollectedFiles {
  readonly files: ReplayFile[];
  readonly skipped: SkippedFile[];
}

function display(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * The files to replay, in order: a directory's .txt/.html/.htm files sorted by name (other
 * entries skipped, not an error), explicit files as given. A missing path or an explicit file
 * of another type is a usage error.
 */
export function collectReplayFiles(inputs: readonly string[], cwd: string): CollectedFiles {
  if (inputs.length === 0) throw new UsageError('give a directory or files to replay', 'replay');
  const files: ReplayFile[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, contentType: ReplayFile['contentType']) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, display: display(cwd, path), contentType });
  };
  for (const input of inputs) {
    const path = resolve(cwd, input);
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      throw new UsageError(`no such file or directory: ${input}`, 'replay');
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const entry = join(path, name);
        let isFile = false;
        try {
          isFile = statSync(entry).isFile();
        } catch {
          // A dangling link: reported as skipped below.
        }
        const contentType = CONTENT_TYPES[extname(name).toLowerCase()];
        if (!isFile)
          skipped.push({ file: display(cwd, entry), reason: 'not a file (directories are not read)' });
        else if (!contentType)
          skipped.push({ file: display(cwd, entry), reason: 'not a .txt, .html or .htm file' });
        else add(entry, contentType);
      }
    } else {
      const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
      if (!contentType) {
        throw new UsageError(
          `cannot replay ${input}: only .txt, .html and .htm files can be replayed`,
          'replay',
        );
      }
      add(path, contentType);
    }
  }
  return { files, skipped };
}

export type ReplayStatus = 'published' | 'duplicate' | 'failed';

export interface ReplayResult {
  readonly file: string;
  readonly status: ReplayStatus;
  readonly url: string;
  readonly articleId: string;
  /** Sequence in the ARTICLES stream (the original one for a duplicate). */
  readonly seq?: number;
  /** inline, or the object store when larger than INLINE_BODY_MAX_BYTES. */
  readonly body?: 'inline' | 'object-store';
  readonly reason?: string;
}

export interface ReplaySummary {
  readonly files: number;
  readonly published: number;
  readonly duplicate: number;
  readonly failed: number;
  readonly skipped: SkippedFile[];
  readonly results: ReplayResult[];
}

export interface ReplayOptions {
  readonly sourceId: string;
  /** Progress lines (one per file and a summary); the caller prints JSON instead when false. */
  readonly progress: boolean;
  readonly now?: () => Date;
}

/** Offset of the first byte that is not valid UTF-8, or undefined when the whole is valid. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number | undefined {
  const text = new TextDecoder('utf-8').decode(bytes);
  let index = text.indexOf('\uFFFD');
  while (index !== -1) {
    // Every replacement character before this one was a real U+FFFD (3 bytes), so the
    // prefix's UTF-8 length is its offset in the file.
    const offset = Buffer.byteLength(text.slice(0, index), 'utf8');
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
    index = text.indexOf('\uFFFD', index + 1);
  }
  return undefined;
}

/** Reads a file as UTF-8 text, or says why it cannot be replayed. */
export function readUtf8(path: string): { text: string } | { reason: string } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { reason: `cannot read: ${errorMessage(error)}` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes) ?? 0;
    return {
      reason:
        `not valid UTF-8 (first invalid byte at offset ${offset}); ` +
        'convert it first, e.g. iconv -f WINDOWS-1256 -t UTF-8',
    };
  }
  if (text.trim() === '') return { reason: 'empty file: nothing to replay' };
  return { text };
}

/**
 * Publishes each file as article.fetched, one after the other, and reports every file: a
 * failure (unreadable, not UTF-8, refused by the broker) does not stop the others.
 */
export async function replayFiles(
  bus: NatsBus,
  collected: CollectedFiles,
  options: ReplayOptions,
  out: Output,
): Promise<ReplaySummary> {
  const now = options.now ?? (() => new Date());
  const { files, skipped } = collected;
  if (options.progress) for (const s of skipped) println(out, `skipped ${s.file}: ${s.reason}`);
  const results: ReplayResult[] = [];
  const width = String(files.length).length;
  for (const [i, file] of files.entries()) {
    const url = seedUrl(basename(file.path));
    const articleId = articleIdFor(url);
    const result = await replayOne(bus, file, { url, articleId, sourceId: options.sourceId, now });
    results.push(result);
    if (options.progress) {
      const counter = `[${String(i + 1).padStart(width)}/${files.length}]`;
      const detail =
        result.status === 'failed'
          ? `failed: ${result.reason}`
          : `${result.status} (${articleId.slice(0, 12)}${result.body === 'object-store' ? ', body in object store' : ''})`;
      println(out, `${counter} ${file.display} → ${detail}`);
    }
  }
  const count = (status: ReplayStatus) => results.filter((r) => r.status === status).length;
  const summary: ReplaySummary = {
    files: files.length,
    published: count('published'),
    duplicate: count('duplicate'),
    failed: count('failed'),
    skipped,
    results,
  };
  if (options.progress) {
    println(
      out,
      `replayed ${summary.files} files: ${summary.published} published, ` +
        `${summary.duplicate} already published (duplicate), ${summary.failed} failed`,
    );
  }
  return summary;
}

async function replayOne(
  bus: NatsBus,
  file: ReplayFile,
  ids: { url: string; articleId: string; sourceId: string; now: () => Date },
): Promise<ReplayResult> {
  const base = { file: file.display, url: ids.url, articleId: ids.articleId };
  const read = readUtf8(file.path);
  if ('reason' in read) return { ...base, status: 'failed', reason: read.reason };
  try {
    const meta = { contentType: file.contentType, charset: 'utf-8' };
    const large = Buffer.byteLength(read.text, 'utf8') > INLINE_BODY_MAX_BYTES;
    const body: FetchedBody = large
      ? await (await bus.rawStore()).toBody(ids.articleId, read.text, meta)
      : { ...meta, inline: read.text };
    const ack = await bus.publisher.publish(
      'articleFetched',
      replayedArticle({
        name: basename(file.path),
        url: ids.url,
        sourceId: ids.sourceId,
        fetchedAt: ids.now().toISOString(),
        body,
      }),
    );
    return {
      ...base,
      status: ack.duplicate ? 'duplicate' : 'published',
      seq: ack.seq,
      body: large ? 'object-store' : 'inline',
    };
  } catch (error) {
    return { ...base, status: 'failed', reason: errorMessage(error) };
  }
}

/** `dyad replay …` */
export async function replayCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('replay', args, {
    'source-id': { type: 'string', default: 'replay' },
    json: { type: 'boolean', default: false },
  });
  if (printedHelp(values, io, replayUsage)) return 0;
  const sourceId = values['source-id'];
  if (!ArticleFetched.shape.sourceId.safeParse(sourceId).success)
    throw new UsageError('--source-id takes 1 to 200 characters', 'replay');
  const config = loadConfig(io.env, values.namespace);
  const collected = collectReplayFiles(positionals, io.cwd);
  if (collected.files.length === 0) {
    throw new UsageError(
      `nothing to replay: no .txt, .html or .htm files in ${positionals.join(', ')}`,
      'replay',
    );
  }
  const bus = await connectBus(config, { ensureStreams: true });
  try {
    const summary = await replayFiles(bus, collected, { sourceId, progress: !values.json }, io.stdout);
    if (values.json) println(io.stdout, JSON.stringify(summary));
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await bus.close();
  }
}
