export { type ExtractorEnv, extractorEnvSchema } from './config.ts';
export { EXTRACTOR_VERSION, extractNothing } from './passthrough.ts';
export { ExtractorService } from './service.ts';
