import { profileEnv } from '@dyad/knowledge';
import { z } from 'zod';
import { defaultFeedProxiesFile, defaultTrackingParamsFile } from './data-files.ts';

const ms = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);
const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const AddressList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
  );

/** `true`/`false` as environment variables say it (1/0, yes/no, on/off too). */
const Flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/**
 * The environment that decides how a source is read (a zod shape, like `profileEnv`): the HTTP
 * client's checks and limits, the URL rules, the pre-filter, the parser threads. The fetcher's
 * settings extend it; `dyad sources test` reads the same variables, so that its preview reads a
 * source as a poll would.
 */
export const sourceReaderEnv = {
  TRACKING_PARAMS_FILE: z.string().min(1).default(defaultTrackingParamsFile),
  FEED_PROXIES_FILE: z.string().min(1).default(defaultFeedProxiesFile),
  /** The dyad profile whose terms the pre-filter looks for (`DYAD_PROFILE`: id or .yaml path). */
  ...profileEnv,
  /** Keyword pre-filter of non-focused sources. */
  PREFILTER: Flag.default(true),
  /** Whole exchange of one request, body included. */
  FETCH_TIMEOUT_MS: positive(20_000),
  CONNECT_TIMEOUT_MS: positive(5_000),
  FETCH_MAX_BYTES: positive(5 * 1024 * 1024),
  MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  USER_AGENT: z
    .string()
    .min(1)
    .default(
      'Dyad/0.1 (news monitor of Morocco-Kazakhstan relations; obeys robots.txt; +https://dyad.invalid/bot)',
    ),
  /**
   * Addresses or CIDR ranges the fetcher may connect to although they are not public (loopback,
   * private, link-local, metadata…); comma-separated. Empty: public addresses only.
   */
  FETCH_ALLOW_ADDRESSES: AddressList,
  /** Per registrable domain, shared by all replicas. */
  HOST_CONCURRENCY: positive(2),
  HOST_MIN_DELAY_MS: ms(1_000),
  ROBOTS: Flag.default(true),
  ROBOTS_TTL_MS: positive(24 * 3_600_000),
  SITEMAP_MAX_CHILDREN: positive(3),
  /** Time limit to parse one feed, sitemap or listing page (on a parser thread). */
  LISTING_PARSE_TIMEOUT_MS: positive(10_000),
  /** Deepest element nesting of a feed, sitemap or listing page that is parsed at all. */
  LISTING_MAX_DEPTH: positive(1_000),
};

export const sourceReaderEnvSchema = z.object(sourceReaderEnv);
export type SourceReaderEnv = z.infer<typeof sourceReaderEnvSchema>;
