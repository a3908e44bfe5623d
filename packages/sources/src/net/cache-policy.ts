import type { IncomingHttpHeaders } from 'node:http';

/** How long the server asks us to wait before asking again, from Retry-After (seconds or a date). */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const value = headerValue(headers['retry-after']);
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Freshness lifetime of a response: Cache-Control max-age, else Expires − Date. */
export function freshnessMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const cacheControl = headerValue(headers['cache-control'])?.toLowerCase() ?? '';
  if (/\bno-(store|cache)\b/.test(cacheControl)) return 0;
  const maxAge = /\bmax-age\s*=\s*"?(\d+)/.exec(cacheControl);
  if (maxAge?.[1]) return Number(maxAge[1]) * 1000;
  const expires = headerValue(headers.expires);
  if (expires) {
    const at = Date.parse(expires);
    if (Number.isNaN(at)) return 0;
    const date = Date.parse(headerValue(headers.date) ?? '');
    return Math.max(0, at - (Number.isNaN(date) ? now : date));
  }
  return undefined;
}

/** The earliest time of the next poll: no sooner than the server's freshness or the feed's ttl. */
export function nextPollNotBefore(
  now: number,
  signals: {
    freshnessMs?: number | undefined;
    feedTtlMs?: number | undefined;
    retryAfterMs?: number | undefined;
  },
  maxWaitMs: number,
): number {
  const wait = Math.max(0, signals.freshnessMs ?? 0, signals.feedTtlMs ?? 0, signals.retryAfterMs ?? 0);
  return now + Math.min(wait, maxWaitMs);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
