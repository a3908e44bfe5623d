/** The page part of a list response, with the link to the next page (null on the last). */
export interface Page {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly next: string | null;
}

/**
 * `requestUrl` is the path and query as received; the next page keeps every parameter and moves
 * `offset`, so following `next` needs no knowledge of the endpoint.
 */
export function page(requestUrl: string, total: number, limit: number, offset: number): Page {
  const nextOffset = offset + limit;
  if (nextOffset >= total) return { total, limit, offset, next: null };
  const url = new URL(requestUrl, 'http://api.invalid');
  url.searchParams.set('offset', String(nextOffset));
  url.searchParams.set('limit', String(limit));
  return { total, limit, offset, next: `${url.pathname}${url.search}` };
}
