import type { RetryPolicy } from '@dyad/contracts';

/**
 * Delay before the next attempt after `attempt` attempts (1-based): capped exponential, scaled
 * by a random factor in [1 - jitter, 1] so that replicas that failed together do not retry
 * together.
 */
export function backoffDelayMs(
  policy: RetryPolicy['backoff'],
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const raw = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(exponent, 30));
  const factor = 1 - policy.jitter * random();
  return Math.max(0, Math.round(raw * factor));
}
