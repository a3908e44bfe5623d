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

type Family = 'ipv4' | 'ipv6';

/**
 * The addresses of each class but `public`, as CIDR ranges. The first range that contains an
 * address names its class: metadata comes first, its addresses lying inside link-local and
 * private ranges.
 */
const RANGES: Readonly<Record<Exclude<AddressClass, 'public'>, readonly string[]>> = {
  // Cloud metadata endpoints (AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba).
  metadata: ['169.254.169.254/32', '169.254.170.2/32', 'fd00:ec2::254/128', '100.100.100.200/32'],
  unspecified: ['0.0.0.0/8', '::/128'],
  loopback: ['127.0.0.0/8', '::1/128'],
  // 100.64.0.0/10 is carrier-grade NAT.
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'],
  'link-local': ['169.254.0.0/16', 'fe80::/10'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  // 240.0.0.0/4 includes 255.255.255.255.
  reserved: [
    '192.0.0.0/24',
    '192.0.2.0/24',
    '198.18.0.0/15',
    '198.51.100.0/24',
    '203.0.113.0/24',
    '240.0.0.0/4',
    '2001:db8::/32',
    '100::/64',
  ],
};

/** Adds an address or a CIDR range to `list`; its family, or undefined when it is neither. */
function addRange(list: BlockList, entry: string): Family | undefined {
  const [net = '', prefix] = entry.split('/');
  const family = isIP(net);
  if (family === 0) return undefined;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) list.addAddress(net, type);
  else list.addSubnet(net, Number(prefix), type);
  return type;
}

const lists = Object.entries(RANGES).flatMap(([cls, ranges]) =>
  ranges.map((range) => {
    const list = new BlockList();
    return { cls: cls as AddressClass, list, type: addRange(list, range) };
  }),
);

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
    if (!addRange(allowed, entry))
      throw new Error(`FETCH_ALLOW_ADDRESSES: "${entry}" is not an IP address or CIDR range`);
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
