export { type EventFeed, natsEventFeed } from './api/event-feed.ts';
export { type ApiOptions, buildApi, type RunningApi, startApi } from './api/server.ts';
export { type IndexerEnv, indexerEnvSchema } from './config.ts';
export { type IndexContext, type IndexResult, indexArticle } from './index-article.ts';
export { OutboxRelay } from './outbox-relay.ts';
export { INDEXER_VERSION, IndexerService } from './service.ts';
