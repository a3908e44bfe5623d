import { TextDecoder } from 'node:util';

/**
 * One HTTP GET of an article page, with a whole-request timeout, a body size cap and charset
 * decoding. Politeness, robots.txt, conditional requests and address checks arrive with the
 * fetcher's own issue.
 */

export interface FetchedPage {
  readonly status: number;
  readonly finalUrl: string;
  readonly contentType: string;
  readonly charset: string;
  readonly text: string;
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface FetchPageOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly userAgent: string;
}

/** Retrying cannot help: the page is gone, refused, too big or not a document. */
export class PermanentFetchError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'PermanentFetchError';
    this.status = status;
  }
}

/** Worth retrying later: a server error, 429, a timeout, a dropped connection. */
export class TransientFetchError extends Error {
  readonly status: number | undefined;
  constructor(message: string, options?: { status?: number; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = 'TransientFetchError';
    this.status = options?.status;
  }
}

const DOCUMENT_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);

export function parseContentType(header: string | null): { type: string; charset: string | undefined } {
  const [type = '', ...params] = (header ?? '').split(';');
  let charset: string | undefined;
  for (const param of params) {
    const [key, value] = param.split('=').map((s) => s.trim());
    if (key?.toLowerCase() === 'charset' && value) charset = value.replace(/^"|"$/g, '').toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset };
}

/** Decodes with the declared charset; an unknown label falls back to UTF-8 and says so. */
export function decodeBody(
  bytes: Uint8Array,
  declared: string | undefined,
): { text: string; charset: string } {
  let charset = declared ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    charset = 'utf-8';
    decoder = new TextDecoder('utf-8');
  }
  return { text: decoder.decode(bytes), charset: decoder.encoding };
}

export async function fetchPage(url: string, options: FetchPageOptions): Promise<FetchedPage> {
  let response: Response;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    response = await fetch(url, {
      redirect: 'follow',
      signal,
      headers: {
        'user-agent': options.userAgent,
        accept: 'text/html,application/xhtml+xml,text/plain;q=0.8',
      },
    });
  } catch (cause) {
    throw new TransientFetchError(
      `GET ${url} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
  const { status } = response;
  if (status === 429 || status === 408 || status >= 500) {
    await response.body?.cancel();
    throw new TransientFetchError(`GET ${url}: HTTP ${status}`, { status });
  }
  if (status >= 400) {
    await response.body?.cancel();
    throw new PermanentFetchError(`GET ${url}: HTTP ${status}`, status);
  }
  const { type, charset } = parseContentType(response.headers.get('content-type'));
  if (!DOCUMENT_TYPES.has(type)) {
    await response.body?.cancel();
    throw new PermanentFetchError(`GET ${url}: unsupported content type ${type || '(none)'}`, status);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    throw new PermanentFetchError(
      `GET ${url}: body of ${declared} bytes exceeds the ${options.maxBytes}-byte cap`,
      status,
    );
  }
  const bytes = await readCapped(response, url, options.maxBytes);
  const decoded = decodeBody(bytes, charset);
  return {
    status,
    finalUrl: response.url || url,
    contentType: type,
    charset: decoded.charset,
    text: decoded.text,
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
  };
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new PermanentFetchError(`GET ${url}: body exceeds the ${maxBytes}-byte cap`, response.status);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PermanentFetchError) throw error;
    throw new TransientFetchError(
      `GET ${url}: body read failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return Buffer.concat(chunks);
}
