export { type IndexerEnv, indexerEnvSchema } from './config.ts';
export { INDEXER_VERSION, IndexerService } from './service.ts';
