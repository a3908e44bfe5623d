import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The data files shipped with this package (`data/`: the default sources list, tracking parameters,
 * feed proxies), found from the sources or from `dist/`.
 */
export const dataDir = join(dirname(fileURLToPath(import.meta.url)), '../data');

export const defaultSourcesFile = join(dataDir, 'sources.yaml');
export const defaultTrackingParamsFile = join(dataDir, 'tracking-params.yaml');
export const defaultFeedProxiesFile = join(dataDir, 'feed-proxies.yaml');
