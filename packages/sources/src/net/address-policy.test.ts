import { describe, expect, it } from 'vitest';
import { addressPolicy, classifyAddress } from './address-policy.ts';

describe('address policy', () => {
  it.each([
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['2a00:1450:4007::1', 'public'],
  ])('classifies %s as %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it('refuses every non-public address unless allowed, exactly or by range', () => {
    const strict = addressPolicy();
    expect(strict.refusal('127.0.0.1')).toBe('127.0.0.1 is a loopback address');
    expect(strict.refusal('8.8.8.8')).toBeUndefined();
    const tests = addressPolicy(['127.0.0.1']);
    expect(tests.refusal('127.0.0.1')).toBeUndefined();
    expect(tests.refusal('127.0.0.2')).toBe('127.0.0.2 is a loopback address');
    expect(tests.refusal('169.254.169.254')).toBe('169.254.169.254 is a metadata address');
    expect(addressPolicy(['10.1.0.0/16']).refusal('10.1.2.3')).toBeUndefined();
    expect(addressPolicy(['10.1.0.0/16']).refusal('10.2.0.1')).toBe('10.2.0.1 is a private address');
  });

  it('refuses metadata service names whatever they resolve to, and rejects a bad allow entry', () => {
    expect(addressPolicy().refusalForName('metadata.google.internal.')).toBe(
      'metadata.google.internal is a metadata service name',
    );
    expect(addressPolicy().refusalForName('news.example.ma')).toBeUndefined();
    expect(() => addressPolicy(['localhost'])).toThrow(/not an IP address or CIDR range/);
  });
});
