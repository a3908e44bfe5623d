import { z } from 'zod';
import { ArticleIdentity, IsoDateTime } from './common.ts';

const ContentType = z.string().min(1).describe('Media type without parameters, e.g. text/html');
const Charset = z.string().min(1).describe('Charset the body was decoded from; bodies are always UTF-8 now');

/** The decoded body, inline when small, else a claim check on the `raw` object store. */
export const FetchedBody = z.union([
  z.object({ contentType: ContentType, charset: Charset, inline: z.string() }),
  z.object({
    contentType: ContentType,
    charset: Charset,
    objectKey: z.string().min(1),
    bytes: z.int().positive(),
  }),
]);
export type FetchedBody = z.infer<typeof FetchedBody>;

export const HttpExchange = z.object({
  status: z.int().min(100).max(599),
  finalUrl: z.string().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
});

export const FeedItem = z.object({
  title: z.string().optional(),
  publishedAt: IsoDateTime.optional(),
  summary: z.string().optional(),
});

export const ArticleFetched = ArticleIdentity.extend({
  /** Absent for replayed files, which never crossed HTTP. */
  http: HttpExchange.optional(),
  body: FetchedBody,
  feed: FeedItem.optional(),
});
export type ArticleFetched = z.infer<typeof ArticleFetched>;
