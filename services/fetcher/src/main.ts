import { parseEnv, runMain } from '@dyad/bus';
import { fetcherEnvSchema } from './config.ts';
import { FetcherService } from './service.ts';

const service = new FetcherService(parseEnv('fetcher', fetcherEnvSchema));
await runMain(service.runtime, () => service.start());
