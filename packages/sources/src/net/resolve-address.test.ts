import { describe, expect, it } from 'vitest';
import { addressPolicy } from './address-policy.ts';
import { FetchFailure } from './fetch-errors.ts';
import { resolveChecked } from './resolve-address.ts';

describe('resolveChecked', () => {
  const policy = addressPolicy();

  it('picks an allowed address of a name and never returns a refused one', async () => {
    const resolver = async () => [
      { address: '10.0.0.5', family: 4 as const },
      { address: '93.184.216.34', family: 4 as const },
    ];
    expect(await resolveChecked(new URL('https://news.example/a'), policy, resolver)).toEqual({
      address: '93.184.216.34',
      family: 4,
    });
  });

  it('refuses a name that resolves only to private or metadata addresses, saying which', async () => {
    const resolver = async () => [
      { address: '169.254.169.254', family: 4 as const },
      { address: '::1', family: 6 as const },
    ];
    const error = await resolveChecked(new URL('http://rebind.example/'), policy, resolver).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FetchFailure);
    expect((error as FetchFailure).reason).toBe('refused-address');
    expect((error as FetchFailure).message).toContain(
      '169.254.169.254 is a metadata address; ::1 is a loopback address',
    );
  });

  it('checks IP literals without resolving them, IPv6 in brackets included', async () => {
    const resolver = async () => {
      throw new Error('must not resolve');
    };
    await expect(resolveChecked(new URL('http://[::1]:8080/'), policy, resolver)).rejects.toThrow(
      /::1 is a loopback address/,
    );
    await expect(resolveChecked(new URL('http://10.0.0.1/'), policy, resolver)).rejects.toThrow(
      /10\.0\.0\.1 is a private address/,
    );
  });
});
