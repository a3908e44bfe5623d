import { z } from 'zod';
import { FeedItem } from './article-fetched.ts';
import { ArticleIdentity, SourceId } from './common.ts';

/** A scheduled poll of one source (RSS/Atom, news sitemap or HTML listing page). */
export const PollJob = z.object({ schema: z.literal(1), sourceId: SourceId });
export type PollJob = z.infer<typeof PollJob>;

/** One article URL to fetch; its job id is the article id, so a URL is queued once. */
export const FetchJob = ArticleIdentity.omit({ origin: true, fetchedAt: true }).extend({
  feed: FeedItem.optional(),
});
export type FetchJob = z.infer<typeof FetchJob>;
