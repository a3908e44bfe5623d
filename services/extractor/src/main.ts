import { parseEnv, runMain } from '@dyad/bus';
import { extractorEnvSchema } from './config.ts';
import { ExtractorService } from './service.ts';

const service = new ExtractorService(parseEnv('extractor', extractorEnvSchema));
await runMain(service.runtime, () => service.start());
