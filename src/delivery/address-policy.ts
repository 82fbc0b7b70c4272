import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which IP addresses a webhook may connect to. Everything that is not a public unicast address is
 * "non-public": private, loopback, link-local, unique-local, CGNAT, unspecified, multicast,
 * documentation and reserved ranges, plus IPv6 forms that embed an IPv4 address (mapped,
 * compatible, NAT64, 6to4, Teredo), which are judged by the address they carry.
 * Cloud metadata services are refused even when private addresses are allowed.
 */

export interface AddressVerdict {
  /** What the address is, e.g. `private (10.0.0.0/8)` or `IPv4-mapped 127.0.0.1: loopback (127.0.0.0/8)`. */
  category: string;
  /** True for cloud metadata services: refused even with `allowPrivate`. */
  alwaysRefused: boolean;
}

interface Range {
  cidr: string;
  label: string;
  alwaysRefused?: true;
  /** Where an embedded IPv4 address sits in an IPv6 one; it is judged instead. */
  embedded?: { label: string; offset: number; xor?: number };
}

// First match wins, so narrower ranges come before the ranges that contain them.
const IPV4_RANGES: readonly Range[] = [
  { cidr: '169.254.169.254/32', label: 'cloud metadata service', alwaysRefused: true },
  { cidr: '100.100.100.200/32', label: 'cloud metadata service', alwaysRefused: true },
  { cidr: '0.0.0.0/8', label: 'unspecified' },
  { cidr: '10.0.0.0/8', label: 'private' },
  { cidr: '100.64.0.0/10', label: 'shared address space (CGNAT)' },
  { cidr: '127.0.0.0/8', label: 'loopback' },
  { cidr: '169.254.0.0/16', label: 'link-local' },
  { cidr: '172.16.0.0/12', label: 'private' },
  { cidr: '192.0.0.0/24', label: 'IETF protocol assignments' },
  { cidr: '192.0.2.0/24', label: 'documentation' },
  { cidr: '192.88.99.0/24', label: '6to4 relay anycast' },
  { cidr: '192.168.0.0/16', label: 'private' },
  { cidr: '198.18.0.0/15', label: 'benchmarking' },
  { cidr: '198.51.100.0/24', label: 'documentation' },
  { cidr: '203.0.113.0/24', label: 'documentation' },
  { cidr: '224.0.0.0/4', label: 'multicast' },
  { cidr: '240.0.0.0/4', label: 'reserved' },
];

const IPV6_RANGES: readonly Range[] = [
  { cidr: '::/128', label: 'unspecified' },
  { cidr: '::1/128', label: 'loopback' },
  { cidr: '::ffff:0:0/96', label: '', embedded: { label: 'IPv4-mapped', offset: 12 } },
  { cidr: '::/96', label: '', embedded: { label: 'IPv4-compatible', offset: 12 } },
  { cidr: '64:ff9b::/96', label: '', embedded: { label: 'NAT64', offset: 12 } },
  { cidr: '64:ff9b:1::/48', label: 'local-use NAT64' },
  { cidr: '100::/64', label: 'discard-only' },
  { cidr: '2001::/32', label: '', embedded: { label: 'Teredo', offset: 12, xor: 0xff } },
  { cidr: '2001:db8::/32', label: 'documentation' },
  { cidr: '2002::/16', label: '', embedded: { label: '6to4', offset: 2 } },
  { cidr: 'fd00:ec2::254/128', label: 'cloud metadata service', alwaysRefused: true },
  { cidr: 'fc00::/7', label: 'unique-local' },
  { cidr: 'fe80::/10', label: 'link-local' },
  { cidr: 'fec0::/10', label: 'site-local' },
  { cidr: 'ff00::/8', label: 'multicast' },
];

/** The bytes of an IP address (4 or 16), or undefined when `text` is not one. Zone ids are dropped. */
export function ipBytes(text: string): Uint8Array | undefined {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(address)) return Uint8Array.from(address.split('.').map(Number));
  if (!isIPv6(address)) return undefined;
  let groups = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (dotted !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    groups = `${address.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = groups.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros: string[] = Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => '0');
  const bytes = new Uint8Array(16);
  [...headGroups, ...(tail === undefined ? [] : zeros), ...tailGroups].forEach((group, index) => {
    const value = Number.parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}

function inRange(bytes: Uint8Array, cidr: string): boolean {
  const [base = '', bitsText = ''] = cidr.split('/');
  const prefix = ipBytes(base);
  const bits = Number(bitsText);
  if (prefix === undefined || prefix.length !== bytes.length) return false;
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * Why `address` is not a public unicast address, or undefined when it is one.
 * Accepts IPv4 and IPv6 text (brackets and zone ids allowed); anything else is judged `not an IP address`.
 */
export function classifyAddress(address: string): AddressVerdict | undefined {
  const bytes = ipBytes(address);
  if (bytes === undefined) return { category: 'not an IP address', alwaysRefused: true };
  const ranges = bytes.length === 4 ? IPV4_RANGES : IPV6_RANGES;
  const range = ranges.find((candidate) => inRange(bytes, candidate.cidr));
  if (range === undefined) return undefined;
  if (range.embedded === undefined) {
    return { category: `${range.label} (${range.cidr})`, alwaysRefused: range.alwaysRefused ?? false };
  }
  const { label, offset, xor = 0 } = range.embedded;
  const ipv4 = Array.from(bytes.subarray(offset, offset + 4), (byte) => byte ^ xor).join('.');
  const inner = classifyAddress(ipv4);
  return inner === undefined ? undefined : { ...inner, category: `${label} ${ipv4}: ${inner.category}` };
}

/**
 * Why a webhook may not connect to `address`, or undefined when it may.
 * With `allowPrivate`, every address is admitted except cloud metadata services.
 */
export function refusedAddressReason(address: string, allowPrivate: boolean): string | undefined {
  const verdict = classifyAddress(address);
  if (verdict === undefined || (allowPrivate && !verdict.alwaysRefused)) return undefined;
  return verdict.category;
}
