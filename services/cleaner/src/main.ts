import { parseEnv, runMain } from '@dyad/bus';
import { cleanerEnvSchema } from './config.ts';
import { CleanerService } from './service.ts';

const service = new CleanerService(parseEnv('cleaner', cleanerEnvSchema));
await runMain(service.runtime, () => service.start());
