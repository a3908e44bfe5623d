import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.ts';

const policy = { initialMs: 1_000, maxMs: 30_000, jitter: 0.5 };

describe('backoffDelayMs', () => {
  it('doubles per attempt without jitter at random=0', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(policy, n, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('is capped', () => {
    expect(backoffDelayMs(policy, 20, () => 0)).toBe(30_000);
    expect(backoffDelayMs(policy, 10_000, () => 0)).toBe(30_000);
  });

  it('jitters down by at most the jitter fraction', () => {
    expect(backoffDelayMs(policy, 3, () => 1)).toBe(2_000);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(3_000);
  });
});
