import { describe, expect, it } from '@dyad/testkit';
import { Objm } from '@nats-io/obj';
import { INLINE_BODY_MAX_BYTES, MissingRawObjectError, RawStore } from './raw-store.ts';
import { openTestBus } from './test-helpers.ts';

const meta = { contentType: 'text/plain', charset: 'utf-8' };

/** Arabic text of at least `bytes` UTF-8 bytes (two bytes per letter). */
function arabicText(bytes: number): string {
  const line = 'العلاقات الثنائية بين البلدين تشهد تطورا ملحوظا في مجالات التجارة والطاقة والثقافة.\n';
  return line.repeat(Math.ceil(bytes / Buffer.byteLength(line, 'utf8')));
}

describe('RawStore', () => {
  it('creates the namespaced raw bucket on open, and opens it again', async ({ nats }) => {
    const { bus, names } = await openTestBus(nats.url, nats.namespace);
    try {
      await RawStore.open(bus.js, names);
      const objm = new Objm(bus.js);
      const buckets: string[] = [];
      for await (const status of objm.list()) buckets.push(status.bucket);
      expect(buckets).toContain(`${nats.namespace}_raw`);
      const info = await bus.jsm.streams.info(`OBJ_${nats.namespace}_raw`);
      expect(info.config.max_age).toBe(30 * 86_400 * 1e9); // 30 days, in nanoseconds
      // A second open (another replica, a restart) finds the bucket and keeps its contents.
      const store = await RawStore.open(bus.js, names);
      await store.put('k', 'v');
      expect(await (await RawStore.open(bus.js, names)).get('k')).toBe('v');
    } finally {
      await bus.close();
    }
  });

  it('round-trips 1 MB of Arabic text', async ({ nats }) => {
    const { bus } = await openTestBus(nats.url, nats.namespace);
    try {
      const store = await bus.rawStore();
      const text = arabicText(1024 * 1024);
      const bytes = await store.put('article-1', text);
      expect(bytes).toBe(Buffer.byteLength(text, 'utf8'));
      expect(bytes).toBeGreaterThanOrEqual(1024 * 1024);
      const back = await store.get('article-1');
      expect(back.length).toBe(text.length);
      expect(back).toBe(text);
    } finally {
      await bus.close();
    }
  });

  it('inlines small bodies and stores large ones by key; readBody gives the text back', async ({ nats }) => {
    const { bus } = await openTestBus(nats.url, nats.namespace);
    try {
      const store = await bus.rawStore();
      // Exactly at the limit stays inline; the limit counts UTF-8 bytes, not characters.
      const atLimit = `${'a'.repeat(INLINE_BODY_MAX_BYTES - 2)}ع`;
      expect(Buffer.byteLength(atLimit, 'utf8')).toBe(INLINE_BODY_MAX_BYTES);
      const small = await store.toBody('small', atLimit, meta);
      expect(small).toEqual({ ...meta, inline: atLimit });
      await expect(store.get('small')).rejects.toBeInstanceOf(MissingRawObjectError);

      // Fewer characters than the limit, but more bytes: stored.
      const large = arabicText(INLINE_BODY_MAX_BYTES + 1);
      expect(large.length).toBeLessThan(INLINE_BODY_MAX_BYTES);
      const body = await store.toBody('large', large, meta);
      expect(body).toEqual({ ...meta, objectKey: 'large', bytes: Buffer.byteLength(large, 'utf8') });

      expect(await store.readBody(small)).toBe(atLimit);
      expect(await store.readBody(body)).toBe(large);
    } finally {
      await bus.close();
    }
  });

  it('throws MissingRawObjectError for a key it does not hold', async ({ nats }) => {
    const { bus } = await openTestBus(nats.url, nats.namespace);
    try {
      const store = await bus.rawStore();
      const error = await store.get('never-written').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MissingRawObjectError);
      expect((error as MissingRawObjectError).key).toBe('never-written');
      await expect(store.readBody({ ...meta, objectKey: 'never-written', bytes: 10 })).rejects.toBeInstanceOf(
        MissingRawObjectError,
      );
    } finally {
      await bus.close();
    }
  });
});
