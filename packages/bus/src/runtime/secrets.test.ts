import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { natsServers, Redactor, redactSettings, redactUrl, redactUrlsIn, secretsOf } from './secrets.ts';

describe('secrets', () => {
  it('redactUrl hides each password of a URL or a comma-separated list, and a lone NATS token', () => {
    expect(redactUrl('redis://:pw1@127.0.0.1:6379/0')).toBe('redis://:***@127.0.0.1:6379/0');
    expect(redactUrl('postgres://dyad:p%40ss@db:5432/x?sslmode=off')).toBe(
      'postgres://dyad:***@db:5432/x?sslmode=off',
    );
    expect(redactUrl('nats://u:a@n1:4222, nats://u:b@n2:4222,nats://n3')).toBe(
      'nats://u:***@n1:4222, nats://u:***@n2:4222,nats://n3',
    );
    expect(redactUrl('nats://s3cr3tToken@n1:4222')).toBe('nats://***@n1:4222');
    expect(redactUrl('https://user@example.org/x')).toBe('https://user@example.org/x');
    expect(redactUrl('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('secretsOf finds URL passwords (raw and decoded), NATS tokens and secret-named settings', () => {
    const secrets = secretsOf({
      REDIS_URL: 'redis://:r%2Fpw@h:6379',
      NATS_URL: 'nats://tok123@a,nats://u:npw@b',
      DATABASE_URL: 'postgres://u:dbpw@h/db',
      NATS_PASSWORD: 'natspw',
      API_TOKEN: 'tkn',
      NATS_USER: 'dyad',
      LOG_LEVEL: 'info',
      PORT: 9101,
    });
    expect(secrets.sort()).toEqual(['dbpw', 'natspw', 'npw', 'r%2Fpw', 'r/pw', 'tkn', 'tok123'].sort());
  });

  it('redactSettings prints secret-named settings as *** and URLs without their passwords', () => {
    expect(
      redactSettings({ NATS_PASSWORD: 'x', REDIS_URL: 'redis://:y@h', PORT: 1, NATS_USER: 'dyad' }),
    ).toEqual({ NATS_PASSWORD: '***', REDIS_URL: 'redis://:***@h', PORT: 1, NATS_USER: 'dyad' });
  });

  it('a Redactor replaces secrets anywhere in text, and only inside string literals of a JSON line', () => {
    const r = new Redactor(['true', 'p"w\\x', 'a b']);
    expect(r.text('auth true failed; a%20b; a b')).toBe('auth *** failed; ***; ***');
    const line = JSON.stringify({ ok: true, msg: 'password true, p"w\\x' });
    expect(JSON.parse(r.jsonLine(line))).toEqual({ ok: true, msg: 'password ***, ***' });
    // Unknown passwords inside URLs are hidden too.
    expect(redactUrlsIn('cannot reach redis://:zz9@h:1 (nats://u:q@h)')).toBe(
      'cannot reach redis://:***@h:1 (nats://u:***@h)',
    );
    expect(new Redactor([]).text('redis://:k@h')).toBe('redis://:***@h');
  });

  it('natsServers takes the credentials out of NATS_URL so that they are used', () => {
    expect(natsServers('nats://dyad:p%40ss@n1:4222, nats://dyad:p%40ss@n2:4222')).toEqual({
      servers: ['nats://n1:4222', 'nats://n2:4222'],
      user: 'dyad',
      pass: 'p@ss',
    });
    expect(natsServers('nats://tok@n1')).toEqual({ servers: ['nats://n1'], token: 'tok' });
    expect(natsServers('127.0.0.1:4222')).toEqual({ servers: ['127.0.0.1:4222'] });
  });

  it('the service logger writes no secret, not even the AUTH command ioredis attaches to its errors', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const error = Object.assign(new Error('WRONGPASS invalid username-password pair'), {
      command: { name: 'auth', args: ['Pw-0451'] },
    });
    const logger = createLogger('t', 'info', { secrets: ['Pw-0451'], destination: sink });
    logger.warn({ err: error, url: 'redis://:Pw-0451@h:6379' }, 'redis connection to redis://:other@h');
    logger.info({ ready: true, note: 'using Pw-0451' }, 'x');
    const text = lines.join('');
    expect(text).not.toContain('Pw-0451');
    expect(text).not.toContain('other@');
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first?.err).toMatchObject({ command: { name: 'auth', args: ['***'] } });
    expect(first?.url).toBe('redis://:***@h:6379');
    expect(second).toMatchObject({ ready: true, note: 'using ***' });
  });
});
