export { type ExtractorEnv, extractorEnvSchema } from './config.ts';
export { EXTRACTOR_VERSION, type Extraction, extractCleaned } from './extraction.ts';
export { ExtractorService } from './service.ts';
