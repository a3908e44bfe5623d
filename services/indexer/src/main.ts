import { parseEnv, runMain } from '@dyad/bus';
import { indexerEnvSchema } from './config.ts';
import { IndexerService } from './service.ts';

const service = new IndexerService(parseEnv('indexer', indexerEnvSchema));
await runMain(service.runtime, () => service.start());
