export { EXTRACTOR_VERSION, type Extraction, extractCleaned } from '@dyad/extract';
export { type ExtractorEnv, extractorEnvSchema } from './config.ts';
export { ExtractorService } from './service.ts';
