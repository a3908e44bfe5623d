import { createHash } from 'node:crypto';

/** Query parameters that only say how a reader got to a page, not which page it is. */
const TRACKING_PARAMS = [
  /^utm_/i,
  /^fbclid$/i,
  /^gclid$/i,
  /^dclid$/i,
  /^msclkid$/i,
  /^yclid$/i,
  /^mc_(cid|eid)$/i,
  /^_ga$/i,
  /^igshid$/i,
];

export class InvalidUrlError extends Error {
  readonly url: string;
  constructor(url: string, options?: { cause?: unknown }) {
    super(`not an absolute URL: ${JSON.stringify(url)}`, options);
    this.name = 'InvalidUrlError';
    this.url = url;
  }
}

/**
 * The URL that identifies an article: lowercased host, no fragment, no default port, no
 * tracking parameters, remaining parameters in their original order.
 */
export function canonicalUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch (cause) {
    throw new InvalidUrlError(input, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return url.href;
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.some((re) => re.test(key))) url.searchParams.delete(key);
  }
  if (url.search === '?') url.search = '';
  return url.href;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** DESIGN: article id = hex SHA-256 of the canonical URL. */
export function articleIdFor(url: string): string {
  return sha256Hex(canonicalUrl(url));
}

/** Replayed files have no URL of their own; they are named by their file name. */
export function seedUrl(fileName: string): string {
  return `seed:${encodeURIComponent(fileName)}`;
}
