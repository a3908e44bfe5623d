import { type FetchedBody, type Names, rawBucket } from '@dyad/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import { type ObjectStore, Objm, setSha256Backend } from '@nats-io/obj';
import { errorMessage, StreamFullError } from '../errors.ts';
import { applicableMaxBytes, isStreamFull } from './topology.ts';

// The object store hashes every body it writes and reads (SHA-256 digest of the object); its
// default is pure JavaScript, ~1.5 ms per large body in the fetcher and again in the cleaner.
// node:crypto gives the same digest. Process-wide, before any object store operation.
setSha256Backend('native');

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
  private readonly bucket: string;

  private constructor(store: ObjectStore, bucket: string) {
    this.store = store;
    this.bucket = bucket;
  }

  /**
   * Opens the bucket, creating it when missing (with `replicas` copies on a cluster, 1 by default),
   * and brings its byte limit to `maxBytes` (RAW_MAX_BYTES; the catalog's `rawBucket` when unset).
   * An object store always discards new: a full bucket refuses a body with StreamFullError.
   */
  static async open(
    js: JetStreamClient,
    names: Names,
    replicas = 1,
    maxBytes: number = rawBucket.maxBytes,
  ): Promise<RawStore> {
    const objm = new Objm(js);
    const bucket = names.objectStore('raw');
    const store = await objm.create(bucket, {
      description: 'Dyad: page bodies too big to inline in article.fetched',
      ttl: rawBucket.maxAgeMs * 1_000_000,
      replicas,
      max_bytes: maxBytes,
    });
    // A bucket made before limits (or with another one) is brought to it, never below its size.
    const jsm = await js.jetstreamManager();
    const stream = `OBJ_${bucket}`;
    const info = await jsm.streams.info(stream);
    const limit = applicableMaxBytes(maxBytes, info.config.max_bytes, info.state.bytes);
    if (info.config.max_bytes !== limit) await jsm.streams.update(stream, { max_bytes: limit });
    return new RawStore(store, stream);
  }

  async put(key: string, text: string): Promise<number> {
    const bytes = new TextEncoder().encode(text);
    try {
      await this.store.putBlob({ name: key }, bytes);
    } catch (cause) {
      if (isStreamFull(cause))
        throw new StreamFullError(`raw/${key}`, this.bucket, errorMessage(cause), { cause });
      throw cause;
    }
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
