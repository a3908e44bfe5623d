import { CommandError, errorMessage, UsageError } from '../errors.ts';

/** Where the indexer's HTTP API is when neither --api nor DYAD_API_URL says. */
export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

const TIMEOUT_MS = 10_000;

/** `--api` wins over DYAD_API_URL; either must be an http(s) URL. No trailing slash. */
export function apiBaseUrl(
  command: string,
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const value = option ?? (env.DYAD_API_URL || undefined) ?? DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--api takes an http:// or https:// URL, not "${value}"`, command);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--api takes an http:// or https:// URL, not "${value}"`, command);
  return url.href.replace(/\/+$/, '');
}

/** The cause of a failed fetch, as the system said it (ECONNREFUSED, ENOTFOUND, …). */
function reason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = Reflect.get(cause, 'code');
    return typeof code === 'string' && !cause.message.includes(code)
      ? `${code}: ${cause.message}`
      : cause.message;
  }
  return errorMessage(error);
}

interface ErrorBody {
  message?: unknown;
  issues?: { parameter?: unknown; message?: unknown }[];
}

/**
 * GET `path` with `params` from the indexer API and return the parsed JSON. Unreachable, slow or
 * failing → CommandError (exit 1) that says where it looked; 400 → UsageError naming each
 * option as `--name` (the API's parameter names are the command's option names).
 */
export async function getApi(
  command: string,
  base: string,
  path: string,
  params: Record<string, string | number | undefined>,
): Promise<unknown> {
  const url = new URL(`${base}${path}`);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, String(value));
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError')
      throw new CommandError(`the indexer API at ${base} did not answer within ${TIMEOUT_MS / 1000} s`);
    throw new CommandError(
      `cannot reach the indexer API at ${base}: ${reason(error)}. Is the indexer running ` +
        '(`pnpm stack`, or `docker compose up -d indexer`)? Point to it with --api URL or DYAD_API_URL.',
      { cause: error },
    );
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new CommandError(
      `the indexer API at ${base} answered ${res.status} with something that is not JSON`,
    );
  }
  if (res.ok) return body;
  const error = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  if (res.status === 400 && Array.isArray(error.issues)) {
    const issues = error.issues.map((i) => `${optionName(String(i.parameter))}: ${String(i.message)}`);
    throw new UsageError(issues.join('; '), command);
  }
  throw new CommandError(
    `the indexer API answered ${res.status}: ${typeof error.message === 'string' ? error.message : res.statusText}`,
  );
}

/** The command-line spelling of an API parameter: `from` → `--from`; the query itself stays as is. */
function optionName(parameter: string): string {
  return parameter === 'q' ? 'query' : `--${parameter}`;
}

/** The `<mark>`ed HTML of a search hit as terminal text: matches in bold, or in [brackets] without colours. */
export function markedText(html: string, color: boolean): string {
  const [open, close] = color ? ['\u001b[1;33m', '\u001b[0m'] : ['[', ']'];
  return html
    .replace(/<mark>/g, open)
    .replace(/<\/mark>/g, close)
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, entity: string) =>
      entity === 'lt' ? '<' : entity === 'gt' ? '>' : entity === 'quot' ? '"' : entity === '#39' ? "'" : '&',
    )
    .replace(/\s+/g, ' ')
    .trim();
}
