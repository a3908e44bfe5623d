import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeBody,
  fetchPage,
  PermanentFetchError,
  parseContentType,
  TransientFetchError,
} from './http-fetch.ts';

// "المغرب" in windows-1256.
const MOROCCO_CP1256 = Buffer.from([0xc7, 0xe1, 0xe3, 0xdb, 0xd1, 0xc8]);

let server: Server;
let base: string;
const options = { timeoutMs: 2_000, maxBytes: 10_000, userAgent: 'dyad-test' };

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' });
        res.end(`<p>ua=${req.headers['user-agent']}</p>`);
        break;
      case '/cp1256':
        res.writeHead(200, { 'content-type': 'text/html; charset=windows-1256' });
        res.end(MOROCCO_CP1256);
        break;
      case '/gone':
        res.writeHead(410).end();
        break;
      case '/busy':
        res.writeHead(503).end();
        break;
      case '/image':
        res.writeHead(200, { 'content-type': 'image/png' }).end('png');
        break;
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('x'.repeat(20_000));
        break;
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('a');
        setTimeout(() => res.end('b'), 5_000).unref();
        break;
      case '/redirect':
        res.writeHead(301, { location: '/ok' }).end();
        break;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('fetchPage', () => {
  it('fetches a page with our user agent and its validators', async () => {
    const page = await fetchPage(`${base}/ok`, options);
    expect(page).toMatchObject({ status: 200, contentType: 'text/html', charset: 'utf-8', etag: '"v1"' });
    expect(page.text).toBe('<p>ua=dyad-test</p>');
  });

  it('decodes windows-1256 to UTF-8', async () => {
    const page = await fetchPage(`${base}/cp1256`, options);
    expect(page.text).toBe('المغرب');
    expect(page.charset).toBe('windows-1256');
  });

  it('follows a redirect and reports the final URL', async () => {
    expect((await fetchPage(`${base}/redirect`, options)).finalUrl).toBe(`${base}/ok`);
  });

  it('treats 404/410 and unsupported types as permanent, 5xx as transient', async () => {
    await expect(fetchPage(`${base}/gone`, options)).rejects.toBeInstanceOf(PermanentFetchError);
    await expect(fetchPage(`${base}/nothing`, options)).rejects.toBeInstanceOf(PermanentFetchError);
    await expect(fetchPage(`${base}/image`, options)).rejects.toThrow(/unsupported content type image\/png/);
    await expect(fetchPage(`${base}/busy`, options)).rejects.toBeInstanceOf(TransientFetchError);
  });

  it('caps the body size and the whole request time', async () => {
    await expect(fetchPage(`${base}/big`, options)).rejects.toThrow(/exceeds the 10000-byte cap/);
    await expect(fetchPage(`${base}/slow`, { ...options, timeoutMs: 300 })).rejects.toBeInstanceOf(
      TransientFetchError,
    );
  });

  it('reports a refused connection as transient', async () => {
    await expect(fetchPage('http://127.0.0.1:1/', options)).rejects.toBeInstanceOf(TransientFetchError);
  });
});

describe('content type and charset', () => {
  it('parses the media type and charset', () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-6"')).toEqual({
      type: 'text/html',
      charset: 'iso-8859-6',
    });
    expect(parseContentType(null)).toEqual({ type: '', charset: undefined });
  });

  it('falls back to UTF-8 for an unknown charset label', () => {
    expect(decodeBody(new TextEncoder().encode('é'), 'x-klingon')).toEqual({ text: 'é', charset: 'utf-8' });
  });
});
