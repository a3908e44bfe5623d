export { type IndexerEnv, indexerEnvSchema } from './config.ts';
export { type IndexContext, type IndexResult, indexArticle } from './index-article.ts';
export { OutboxRelay } from './outbox-relay.ts';
export { INDEXER_VERSION, IndexerService } from './service.ts';
