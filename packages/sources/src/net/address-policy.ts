import { BlockList, isIP } from 'node:net';

/**
 * Which addresses the fetcher may connect to. A URL from a feed is untrusted input: without this,
 * a feed (or a redirect) could point the fetcher at the cloud metadata service, at Redis, or at
 * anything else on the private network.
 */

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

interface Range {
  readonly cls: Exclude<AddressClass, 'public'>;
  readonly net: string;
  readonly prefix: number;
  readonly type: 'ipv4' | 'ipv6';
}

/** Checked in order: the first range that contains the address names its class. */
const RANGES: readonly Range[] = [
  // Cloud metadata endpoints (AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba).
  { cls: 'metadata', net: '169.254.169.254', prefix: 32, type: 'ipv4' },
  { cls: 'metadata', net: '169.254.170.2', prefix: 32, type: 'ipv4' },
  { cls: 'metadata', net: 'fd00:ec2::254', prefix: 128, type: 'ipv6' },
  { cls: 'metadata', net: '100.100.100.200', prefix: 32, type: 'ipv4' },
  { cls: 'unspecified', net: '0.0.0.0', prefix: 8, type: 'ipv4' },
  { cls: 'loopback', net: '127.0.0.0', prefix: 8, type: 'ipv4' },
  { cls: 'private', net: '10.0.0.0', prefix: 8, type: 'ipv4' },
  { cls: 'private', net: '172.16.0.0', prefix: 12, type: 'ipv4' },
  { cls: 'private', net: '192.168.0.0', prefix: 16, type: 'ipv4' },
  { cls: 'private', net: '100.64.0.0', prefix: 10, type: 'ipv4' }, // carrier-grade NAT
  { cls: 'link-local', net: '169.254.0.0', prefix: 16, type: 'ipv4' },
  { cls: 'reserved', net: '192.0.0.0', prefix: 24, type: 'ipv4' },
  { cls: 'reserved', net: '192.0.2.0', prefix: 24, type: 'ipv4' },
  { cls: 'reserved', net: '198.18.0.0', prefix: 15, type: 'ipv4' },
  { cls: 'reserved', net: '198.51.100.0', prefix: 24, type: 'ipv4' },
  { cls: 'reserved', net: '203.0.113.0', prefix: 24, type: 'ipv4' },
  { cls: 'multicast', net: '224.0.0.0', prefix: 4, type: 'ipv4' },
  { cls: 'reserved', net: '240.0.0.0', prefix: 4, type: 'ipv4' }, // includes 255.255.255.255
  { cls: 'unspecified', net: '::', prefix: 128, type: 'ipv6' },
  { cls: 'loopback', net: '::1', prefix: 128, type: 'ipv6' },
  { cls: 'private', net: 'fc00::', prefix: 7, type: 'ipv6' },
  { cls: 'link-local', net: 'fe80::', prefix: 10, type: 'ipv6' },
  { cls: 'multicast', net: 'ff00::', prefix: 8, type: 'ipv6' },
  { cls: 'reserved', net: '2001:db8::', prefix: 32, type: 'ipv6' },
  { cls: 'reserved', net: '100::', prefix: 64, type: 'ipv6' },
];

const lists = RANGES.map((r) => {
  const list = new BlockList();
  list.addSubnet(r.net, r.prefix, r.type);
  return { cls: r.cls, list, type: r.type };
});

/** An IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4 embedding is not unwrapped). */
function embeddedIpv4(address: string): string | undefined {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return undefined;
  if (m[1]) return m[1];
  const hi = Number.parseInt(m[2] ?? '0', 16);
  const lo = Number.parseInt(m[3] ?? '0', 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) throw new Error(`not an IP address: ${address}`);
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return classifyAddress(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { cls, list, type: t } of lists) {
    if (t === type && list.check(address, type)) return cls;
  }
  return 'public';
}

/** Host names that are metadata services whatever they resolve to. */
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'instance-data',
  'metadata.azure.com',
]);

export interface AddressPolicy {
  /** undefined when allowed; else why not, e.g. "10.0.0.1 is a private address". */
  refusal(address: string): string | undefined;
  refusalForName(hostname: string): string | undefined;
}

/**
 * `allow`: addresses or CIDR ranges allowed although not public (tests allow 127.0.0.1; a
 * deployment could allow an internal mirror). Everything not public is refused otherwise.
 */
export function addressPolicy(allow: readonly string[] = []): AddressPolicy {
  const allowed = new BlockList();
  for (const entry of allow) {
    const [net = '', prefix] = entry.split('/');
    const family = isIP(net);
    if (family === 0) throw new Error(`FETCH_ALLOW_ADDRESSES: "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) allowed.addAddress(net, type);
    else allowed.addSubnet(net, Number(prefix), type);
  }
  return {
    refusal(address) {
      const family = isIP(address);
      if (family === 0) return `${address} is not an IP address`;
      if (allowed.check(address, family === 4 ? 'ipv4' : 'ipv6')) return undefined;
      const cls = classifyAddress(address);
      return cls === 'public' ? undefined : `${address} is a ${cls} address`;
    },
    refusalForName(hostname) {
      const name = hostname.toLowerCase().replace(/\.$/, '');
      return METADATA_NAMES.has(name) ? `${name} is a metadata service name` : undefined;
    },
  };
}
