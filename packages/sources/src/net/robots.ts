import robotsParserModule from 'robots-parser';

/** Where fetched robots.txt files are kept between checks. */
export interface RobotsCache {
  get(origin: string): Promise<string | null>;
  set(origin: string, value: string, ttlMs: number): Promise<void>;
}

/** For one-off use (`dyad sources test`): nothing shared, nothing kept. */
export function memoryRobotsCache(): RobotsCache {
  const map = new Map<string, { value: string; until: number }>();
  return {
    get: async (origin) => {
      const hit = map.get(origin);
      return hit && hit.until > Date.now() ? hit.value : null;
    },
    set: async (origin, value, ttlMs) => {
      map.set(origin, { value, until: Date.now() + ttlMs });
    },
  };
}

/**
 * robots.txt, fetched once per origin and cached (by the fetcher in Redis, `redisRobotsCache` in
 * `@dyad/sources/state`: shared by replicas, kept across restarts) and parsed in memory for a minute. As RFC 9309 says: a 4xx means no rules, a 5xx or
 * an unreachable server means "disallow everything" until we ask again (sooner than for a real
 * file, so an outage does not keep the site closed for a day).
 */

export type RobotsFetch = (url: string) => Promise<{ status: number; text: string }>;

interface Cached {
  readonly kind: 'rules' | 'none' | 'unreachable';
  readonly text: string;
}

export interface RobotsVerdict {
  readonly allowed: boolean;
  readonly crawlDelayMs: number | undefined;
  /** Why not, when not allowed. */
  readonly reason?: string;
}

export interface RobotsOptions {
  readonly userAgent: string;
  readonly ttlMs: number;
  readonly unreachableTtlMs: number;
  /** Crawl-delay above this is taken as this. */
  readonly maxCrawlDelayMs: number;
}

interface Parsed {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getCrawlDelay(ua?: string): number | undefined;
}

// robots-parser is CommonJS exporting the function itself; its types describe an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Parsed;

const MEMORY_MS = 60_000;

export class Robots {
  private readonly cache: RobotsCache;
  private readonly fetchText: RobotsFetch;
  private readonly options: RobotsOptions;
  private readonly memory = new Map<string, { at: number; kind: Cached['kind']; parsed: Parsed }>();
  private readonly inflight = new Map<string, Promise<Cached>>();
  /** The product token robots.txt groups are matched against ("Dyad" from "Dyad/0.1 (…)"). */
  private readonly agentToken: string;

  constructor(cache: RobotsCache, fetchText: RobotsFetch, options: RobotsOptions) {
    this.cache = cache;
    this.fetchText = fetchText;
    this.options = options;
    this.agentToken = options.userAgent.split(/[/\s]/)[0] || options.userAgent;
  }

  async check(url: URL): Promise<RobotsVerdict> {
    const origin = url.origin;
    let entry = this.memory.get(origin);
    if (!entry || Date.now() - entry.at > MEMORY_MS) {
      const cached = await this.load(origin);
      entry = {
        at: Date.now(),
        kind: cached.kind,
        parsed: robotsParser(`${origin}/robots.txt`, cached.text),
      };
      this.memory.set(origin, entry);
    }
    if (entry.kind === 'unreachable') {
      return { allowed: false, crawlDelayMs: undefined, reason: `robots.txt of ${origin} is unreachable` };
    }
    const allowed = entry.parsed.isAllowed(url.href, this.agentToken) !== false;
    const delay = entry.parsed.getCrawlDelay(this.agentToken);
    const crawlDelayMs =
      delay === undefined ? undefined : Math.min(delay * 1000, this.options.maxCrawlDelayMs);
    if (allowed) return { allowed, crawlDelayMs };
    const line = entry.parsed.getMatchingLineNumber(url.href, this.agentToken);
    return {
      allowed,
      crawlDelayMs,
      reason: `robots.txt of ${origin} disallows ${url.pathname} (line ${line})`,
    };
  }

  private load(origin: string): Promise<Cached> {
    let pending = this.inflight.get(origin);
    if (!pending) {
      pending = this.loadUncoalesced(origin).finally(() => this.inflight.delete(origin));
      this.inflight.set(origin, pending);
    }
    return pending;
  }

  private async loadUncoalesced(origin: string): Promise<Cached> {
    const stored = await this.cache.get(origin);
    if (stored) {
      try {
        return JSON.parse(stored) as Cached;
      } catch {
        // A damaged entry is fetched again.
      }
    }
    let cached: Cached;
    let ttl = this.options.ttlMs;
    try {
      const { status, text } = await this.fetchText(`${origin}/robots.txt`);
      if (status >= 200 && status < 300) cached = { kind: 'rules', text };
      else if (status >= 400 && status < 500 && status !== 429) cached = { kind: 'none', text: '' };
      else {
        cached = { kind: 'unreachable', text: '' };
        ttl = this.options.unreachableTtlMs;
      }
    } catch {
      cached = { kind: 'unreachable', text: '' };
      ttl = this.options.unreachableTtlMs;
    }
    await this.cache.set(origin, JSON.stringify(cached), ttl);
    return cached;
  }
}
