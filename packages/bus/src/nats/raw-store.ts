import type { FetchedBody, Names } from '@dyad/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import { type ObjectStore, Objm } from '@nats-io/obj';

/** Bodies up to this size travel inside the message; larger ones go to the `raw` object store. */
export const INLINE_BODY_MAX_BYTES = 256 * 1024;

export class MissingRawObjectError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`raw object ${key} is not in the object store (expired or never written)`);
    this.name = 'MissingRawObjectError';
    this.key = key;
  }
}

/** The claim-check store for page bodies too big to inline (JetStream Object Store `raw`). */
export class RawStore {
  private readonly store: ObjectStore;

  private constructor(store: ObjectStore) {
    this.store = store;
  }

  /** Opens the bucket, creating it when missing (with `replicas` copies on a cluster, 1 by default). */
  static async open(js: JetStreamClient, names: Names, replicas = 1): Promise<RawStore> {
    const objm = new Objm(js);
    const store = await objm.create(names.objectStore('raw'), {
      description: 'Dyad: page bodies too big to inline in article.fetched',
      ttl: 30 * 86_400_000_000_000,
      replicas,
    });
    return new RawStore(store);
  }

  async put(key: string, text: string): Promise<number> {
    const bytes = new TextEncoder().encode(text);
    await this.store.putBlob({ name: key }, bytes);
    return bytes.byteLength;
  }

  async get(key: string): Promise<string> {
    const bytes = await this.store.getBlob(key);
    if (!bytes) throw new MissingRawObjectError(key);
    return new TextDecoder().decode(bytes);
  }

  /** The body of an article.fetched: inline when small, else stored under `key`. */
  async toBody(
    key: string,
    text: string,
    meta: { contentType: string; charset: string },
  ): Promise<FetchedBody> {
    const size = Buffer.byteLength(text, 'utf8');
    if (size <= INLINE_BODY_MAX_BYTES) return { ...meta, inline: text };
    const bytes = await this.put(key, text);
    return { ...meta, objectKey: key, bytes };
  }

  async readBody(body: FetchedBody): Promise<string> {
    return 'inline' in body ? body.inline : this.get(body.objectKey);
  }
}
