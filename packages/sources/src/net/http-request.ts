import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { FetchFailure } from './fetch-errors.ts';
import type { CheckedAddress } from './resolve-address.ts';

/**
 * One HTTP exchange (no redirects followed) over node:http(s), connected to an address that was
 * checked beforehand. Limits: a connect timeout, one deadline for the whole exchange including
 * the body (a server that trickles bytes cannot hold a worker), and a cap on the body before and
 * after decompression.
 */

export interface HttpRequest {
  readonly url: URL;
  readonly address: CheckedAddress;
  readonly headers: Record<string, string>;
  readonly connectTimeoutMs: number;
  /** Absolute time (Date.now()) by which the whole body must have arrived. */
  readonly deadline: number;
  readonly maxBytes: number;
  /** Decides from the status and headers whether the body is worth reading. */
  readonly wantBody: (status: number, headers: IncomingHttpHeaders) => boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Decompressed; empty when the body was not read. */
  readonly body: Buffer;
}

export const ACCEPT_ENCODING = 'gzip, deflate, br';

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

function isZlibHeader(body: Buffer): boolean {
  const [a = 0, b = 0] = body;
  return (a & 0x0f) === 8 && ((a << 8) | b) % 31 === 0;
}

async function decompress(url: string, encoding: string, body: Buffer, maxBytes: number): Promise<Buffer> {
  const options = { maxOutputLength: maxBytes };
  try {
    switch (encoding) {
      case '':
      case 'identity':
        return body;
      case 'gzip':
      case 'x-gzip':
        return await gunzip(body, options);
      case 'deflate':
        // "deflate" is zlib-wrapped by the standard, raw by some servers: the first byte tells.
        return isZlibHeader(body) ? await inflate(body, options) : await inflateRaw(body, options);
      case 'br':
        return await brotli(body, options);
      default:
        throw new FetchFailure('bad-encoding', url, `unsupported content-encoding ${encoding}`);
    }
  } catch (error) {
    if (error instanceof FetchFailure) throw error;
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FetchFailure('too-large', url, `body exceeds the ${maxBytes}-byte cap once decompressed`);
    }
    throw new FetchFailure('bad-encoding', url, `cannot decode ${encoding} body: ${String(error)}`, {
      cause: error,
    });
  }
}

export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const { url, address } = request;
  const href = url.href;
  const secure = url.protocol === 'https:';
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  };
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const fail = (error: FetchFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadlineTimer);
      req.destroy();
      reject(error);
    };
    const remaining = Math.max(1, request.deadline - Date.now());
    const deadlineTimer = setTimeout(
      () => fail(new FetchFailure('timeout-body', href, `no complete response within the deadline`)),
      remaining,
    );
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const req = (secure ? https : http).request({
      protocol: url.protocol,
      hostname,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { ...request.headers, host: url.host, 'accept-encoding': ACCEPT_ENCODING },
      agent: secure ? agents.https : agents.http,
      lookup: pinned,
      ...(secure ? { servername: hostname } : {}),
    });
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(
        () =>
          fail(
            new FetchFailure('timeout-connect', href, `no connection within ${request.connectTimeoutMs} ms`),
          ),
        request.connectTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    req.on('error', (error) => {
      fail(new FetchFailure('network', href, error.message, { cause: error }));
    });
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (!request.wantBody(status, res.headers)) {
        settled = true;
        clearTimeout(deadlineTimer);
        res.resume();
        // A body we do not read should not keep the socket busy: drop the connection.
        req.destroy();
        resolve({ status, headers: res.headers, body: Buffer.alloc(0) });
        return;
      }
      const declared = Number(res.headers['content-length'] ?? Number.NaN);
      if (Number.isFinite(declared) && declared > request.maxBytes) {
        fail(
          new FetchFailure(
            'too-large',
            href,
            `declared body of ${declared} bytes exceeds the ${request.maxBytes}-byte cap`,
            {
              status,
            },
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > request.maxBytes) {
          fail(
            new FetchFailure('too-large', href, `body exceeds the ${request.maxBytes}-byte cap`, { status }),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => fail(new FetchFailure('network', href, error.message, { cause: error })));
      res.on('aborted', () => fail(new FetchFailure('network', href, 'connection closed mid-body')));
      res.on('end', () => {
        if (settled) return;
        const encoding = String(res.headers['content-encoding'] ?? '')
          .trim()
          .toLowerCase();
        decompress(href, encoding, Buffer.concat(chunks), request.maxBytes).then(
          (body) => {
            if (settled) return;
            settled = true;
            clearTimeout(deadlineTimer);
            resolve({ status, headers: res.headers, body });
          },
          (error: FetchFailure) => fail(error),
        );
      });
    });
    req.end();
  });
}
