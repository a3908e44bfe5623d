import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INLINE_BODY_MAX_BYTES } from '@dyad/bus';
import { ArticleFetched, articleIdFor, seedUrl } from '@dyad/contracts';
import { describe, expect, it } from '@dyad/testkit';
import { afterEach, beforeEach } from 'vitest';
import { UsageError } from '../errors.ts';
import { main } from '../main.ts';
import { dyadProcess, openBus, testIo } from '../test-helpers.ts';
import { collectReplayFiles, firstInvalidUtf8Offset, readUtf8 } from './replay.ts';

const SEED_FILES = [
  '000_ca98ac49193d9c54.txt',
  '001_60c031fbfd51394f.txt',
  '002_342630fe691c6dc6.txt',
  '003_b70dbf102b9450a0.txt',
  '004_69f7196542c3eaa4.txt',
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-replay-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The article.fetched messages in the namespace's ARTICLES stream, in order. */
async function storedMessages(bus: Awaited<ReturnType<typeof openBus>>): Promise<ArticleFetched[]> {
  const stream = bus.names.stream('ARTICLES');
  const info = await bus.jsm.streams.info(stream);
  const out: ArticleFetched[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await bus.jsm.streams.getMessage(stream, { seq });
    if (msg) out.push(ArticleFetched.parse(msg.json()));
  }
  return out;
}

describe('dyad replay', () => {
  it('publishes the 5 seeds, skips README.md, and reports all 5 as duplicates the second time', async ({
    nats,
  }) => {
    const io = testIo({ natsUrl: nats.url, namespace: nats.namespace });
    expect(await main(['replay', 'seeds'], io)).toBe(0);
    const lines = io.stdout.lines();
    expect(lines).toContain('skipped seeds/README.md: not a .txt, .html or .htm file');
    for (const [i, file] of SEED_FILES.entries()) {
      const id = articleIdFor(seedUrl(file)).slice(0, 12);
      expect(lines).toContain(`[${i + 1}/5] seeds/${file} → published (${id})`);
    }
    expect(lines.at(-1)).toBe('replayed 5 files: 5 published, 0 already published (duplicate), 0 failed');

    const again = testIo({ natsUrl: nats.url, namespace: nats.namespace });
    expect(await main(['replay', 'seeds'], again)).toBe(0);
    expect(again.stdout.lines().filter((l) => l.includes('→ duplicate ('))).toHaveLength(5);
    expect(again.stdout.lines().at(-1)).toBe(
      'replayed 5 files: 0 published, 5 already published (duplicate), 0 failed',
    );

    const bus = await openBus(nats.url, nats.namespace);
    try {
      const stored = await storedMessages(bus);
      expect(stored.map((m) => m.url)).toEqual(SEED_FILES.map((f) => `seed:${f}`));
      const first = stored[0];
      expect(first).toMatchObject({ sourceId: 'replay', origin: 'replay', schema: 1 });
      expect(first?.body).toMatchObject({ contentType: 'text/plain', charset: 'utf-8' });
      const body = first?.body;
      expect(body && 'inline' in body ? body.inline : '').toContain('جماعة الرباط');
    } finally {
      await bus.close();
    }
  });

  it('fails a file that is not UTF-8 with the reason, publishes the others, and exits 1', async ({
    nats,
  }) => {
    writeFileSync(join(dir, 'a-good.txt'), 'Title\n\nSome text.');
    // "café" in Latin-1: 0xE9 is not valid UTF-8 here.
    writeFileSync(join(dir, 'b-latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    writeFileSync(join(dir, 'c-page.html'), '<html><body><h1>Page</h1></body></html>');
    writeFileSync(join(dir, 'notes.md'), '# not replayed');
    const io = testIo({ natsUrl: nats.url, namespace: nats.namespace, cwd: dir });
    expect(await main(['replay', '.', '--source-id', 'my-corpus'], io)).toBe(1);
    const out = io.stdout.text();
    expect(out).toContain('[1/3] a-good.txt → published');
    expect(out).toContain('[2/3] b-latin1.txt → failed: not valid UTF-8 (first invalid byte at offset 3)');
    expect(out).toContain('[3/3] c-page.html → published');
    expect(out).toContain('skipped notes.md');
    expect(out).toContain('replayed 3 files: 2 published, 0 already published (duplicate), 1 failed');

    const bus = await openBus(nats.url, nats.namespace);
    try {
      const stored = await storedMessages(bus);
      expect(stored.map((m) => [m.url, m.sourceId, m.body.contentType])).toEqual([
        ['seed:a-good.txt', 'my-corpus', 'text/plain'],
        ['seed:c-page.html', 'my-corpus', 'text/html'],
      ]);
    } finally {
      await bus.close();
    }
  });

  it('puts a body larger than the inline limit in the raw object store', async ({ nats }) => {
    const text = `Big\n\n${'x'.repeat(INLINE_BODY_MAX_BYTES + 10)}`;
    writeFileSync(join(dir, 'big.txt'), text);
    const io = testIo({ natsUrl: nats.url, namespace: nats.namespace, cwd: dir });
    expect(await main(['replay', 'big.txt', '--json'], io)).toBe(0);
    const summary = JSON.parse(io.stdout.text());
    expect(summary).toMatchObject({ files: 1, published: 1, failed: 0 });
    expect(summary.results[0]).toMatchObject({ status: 'published', body: 'object-store' });
    const bus = await openBus(nats.url, nats.namespace);
    try {
      const [message] = await storedMessages(bus);
      const body = message?.body;
      if (!body || !('objectKey' in body))
        throw new Error(`expected a claim check, got ${JSON.stringify(body)}`);
      expect(body.bytes).toBe(Buffer.byteLength(text));
      expect(await (await bus.rawStore()).readBody(body)).toBe(text);
    } finally {
      await bus.close();
    }
  });

  it('works as a process: replay --json prints one summary and exits 0', async ({ nats }) => {
    const proc = dyadProcess('replay', ['replay', 'seeds', '--json'], {
      NATS_URL: nats.url,
      DYAD_NAMESPACE: nats.namespace,
    });
    const line = await proc.waitForLine(/^\{/);
    expect((await proc.exited).code).toBe(0);
    const summary = JSON.parse(line);
    expect(summary).toMatchObject({ files: 5, published: 5, duplicate: 0, failed: 0 });
    expect(summary.skipped).toEqual([{ file: 'seeds/README.md', reason: 'not a .txt, .html or .htm file' }]);
    expect(proc.output().split('\n')).toHaveLength(1);
  });
});

describe('replay usage errors (exit 2)', () => {
  const io = () => testIo({ natsUrl: 'nats://127.0.0.1:1' });

  it('no files', async () => {
    const t = io();
    expect(await main(['replay'], t)).toBe(2);
    expect(t.stderr.text()).toContain('dyad replay: give a directory or files to replay');
    expect(t.stderr.text()).toContain('dyad replay --help');
  });

  it('an unknown option', async () => {
    const t = io();
    expect(await main(['replay', 'seeds', '--bogus'], t)).toBe(2);
    expect(t.stderr.text()).toContain('dyad replay: unknown option --bogus');
  });

  it('a file of another type', async () => {
    const t = io();
    expect(await main(['replay', 'seeds/README.md'], t)).toBe(2);
    expect(t.stderr.text()).toContain(
      'cannot replay seeds/README.md: only .txt, .html and .htm files can be replayed',
    );
  });

  it('a missing path', async () => {
    const t = io();
    expect(await main(['replay', 'no-such-dir'], t)).toBe(2);
    expect(t.stderr.text()).toContain('no such file or directory: no-such-dir');
  });

  it('as a process', async () => {
    const proc = dyadProcess('replay-usage', ['replay', 'seeds/README.md'], {});
    const line = await proc.waitForLine(/only \.txt/);
    expect(line).toMatch(/^dyad replay: cannot replay/);
    expect((await proc.exited).code).toBe(2);
  });
});

describe('replay files', () => {
  it('collects a directory sorted, non-recursively, and keeps explicit files in order', () => {
    writeFileSync(join(dir, 'b.htm'), 'b');
    writeFileSync(join(dir, 'a.TXT'), 'a');
    writeFileSync(join(dir, 'c.json'), '{}');
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'd.txt'), 'd');
    const { files, skipped } = collectReplayFiles(['.'], dir);
    expect(files.map((f) => [f.display, f.contentType])).toEqual([
      ['a.TXT', 'text/plain'],
      ['b.htm', 'text/html'],
    ]);
    expect(skipped.map((s) => s.file)).toEqual(['c.json', 'sub']);
    const explicit = collectReplayFiles(['b.htm', 'sub/d.txt', 'b.htm'], dir);
    expect(explicit.files.map((f) => f.display)).toEqual(['b.htm', 'sub/d.txt']);
    expect(() => collectReplayFiles(['c.json'], dir)).toThrow(UsageError);
  });

  it('finds the first invalid UTF-8 byte, past a real U+FFFD', () => {
    const valid = Buffer.from('ok \uFFFD still ok', 'utf8');
    expect(firstInvalidUtf8Offset(valid)).toBeUndefined();
    const bad = Buffer.concat([valid, Buffer.from([0xff, 0x41])]);
    expect(firstInvalidUtf8Offset(bad)).toBe(valid.length);
  });

  it('refuses an empty file', () => {
    writeFileSync(join(dir, 'empty.txt'), ' \n');
    expect(readUtf8(join(dir, 'empty.txt'))).toEqual({ reason: 'empty file: nothing to replay' });
  });
});
