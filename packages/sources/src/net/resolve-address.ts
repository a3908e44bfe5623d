import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy.ts';
import { FetchFailure } from './fetch-errors.ts';

export interface CheckedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<readonly CheckedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Resolves a URL's host ourselves and returns one address the policy allows: the request then
 * connects to exactly that address (see http-request.ts), so a DNS answer cannot change between
 * the check and the connection, and a refused address is never connected to.
 */
export async function resolveChecked(
  url: URL,
  policy: AddressPolicy,
  resolver: Resolver = systemResolver,
): Promise<CheckedAddress> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const byName = policy.refusalForName(hostname);
  if (byName) throw new FetchFailure('refused-address', url.href, byName);
  const literal = isIP(hostname);
  let candidates: readonly CheckedAddress[];
  if (literal) {
    candidates = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      candidates = await resolver(hostname);
    } catch (cause) {
      throw new FetchFailure('network', url.href, `cannot resolve ${hostname}`, { cause });
    }
  }
  const refusals: string[] = [];
  for (const candidate of candidates) {
    const refusal = policy.refusal(candidate.address);
    if (refusal === undefined) return candidate;
    refusals.push(refusal);
  }
  throw new FetchFailure(
    'refused-address',
    url.href,
    refusals.length ? refusals.join('; ') : `${hostname} has no address`,
  );
}
