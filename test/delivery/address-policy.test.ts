import { describe, expect, it } from 'vitest';
import { classifyAddress, ipBytes, refusedAddressReason } from '../../src/delivery/address-policy.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback (127.0.0.0/8)'],
    ['127.255.0.9', 'loopback (127.0.0.0/8)'],
    ['10.0.0.5', 'private (10.0.0.0/8)'],
    ['172.16.0.1', 'private (172.16.0.0/12)'],
    ['172.31.255.255', 'private (172.16.0.0/12)'],
    ['192.168.1.1', 'private (192.168.0.0/16)'],
    ['169.254.169.254', 'cloud metadata service (169.254.169.254/32)'],
    ['169.254.1.1', 'link-local (169.254.0.0/16)'],
    ['100.64.0.1', 'shared address space (CGNAT) (100.64.0.0/10)'],
    ['100.127.255.255', 'shared address space (CGNAT) (100.64.0.0/10)'],
    ['0.0.0.0', 'unspecified (0.0.0.0/8)'],
    ['255.255.255.255', 'reserved (240.0.0.0/4)'],
    ['224.0.0.1', 'multicast (224.0.0.0/4)'],
    ['::', 'unspecified (::/128)'],
    ['::1', 'loopback (::1/128)'],
    ['[::1]', 'loopback (::1/128)'],
    ['fe80::1%eth0', 'link-local (fe80::/10)'],
    ['febf::1', 'link-local (fe80::/10)'],
    ['fc00::1', 'unique-local (fc00::/7)'],
    ['fd12:3456::1', 'unique-local (fc00::/7)'],
    ['fd00:ec2::254', 'cloud metadata service (fd00:ec2::254/128)'],
    ['ff02::1', 'multicast (ff00::/8)'],
    ['::ffff:127.0.0.1', 'IPv4-mapped 127.0.0.1: loopback (127.0.0.0/8)'],
    ['::ffff:7f00:1', 'IPv4-mapped 127.0.0.1: loopback (127.0.0.0/8)'],
    ['::ffff:a00:5', 'IPv4-mapped 10.0.0.5: private (10.0.0.0/8)'],
    ['::ffff:169.254.169.254', 'IPv4-mapped 169.254.169.254: cloud metadata service (169.254.169.254/32)'],
    ['::127.0.0.1', 'IPv4-compatible 127.0.0.1: loopback (127.0.0.0/8)'],
    ['64:ff9b::a00:1', 'NAT64 10.0.0.1: private (10.0.0.0/8)'],
    ['64:ff9b:1::1', 'local-use NAT64 (64:ff9b:1::/48)'],
    ['2002:c0a8:101::1', '6to4 192.168.1.1: private (192.168.0.0/16)'],
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'Teredo 10.0.0.1: private (10.0.0.0/8)'],
    ['2001:db8::1', 'documentation (2001:db8::/32)'],
    ['not-an-ip', 'not an IP address'],
  ])('%s is %s', (address, category) => {
    expect(classifyAddress(address)?.category).toBe(category);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });
});

describe('refusedAddressReason', () => {
  it('admits private addresses only when allowed, and cloud metadata never', () => {
    expect(refusedAddressReason('10.0.0.5', false)).toBe('private (10.0.0.0/8)');
    expect(refusedAddressReason('10.0.0.5', true)).toBeUndefined();
    expect(refusedAddressReason('::ffff:127.0.0.1', true)).toBeUndefined();
    expect(refusedAddressReason('169.254.169.254', true)).toBe('cloud metadata service (169.254.169.254/32)');
    expect(refusedAddressReason('::ffff:a9fe:a9fe', true)).toContain('cloud metadata service');
    expect(refusedAddressReason('8.8.8.8', false)).toBeUndefined();
  });
});

describe('ipBytes', () => {
  it('expands compressed IPv6 with an embedded dotted quad', () => {
    expect(Array.from(ipBytes('::ffff:1.2.3.4') ?? [])).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4,
    ]);
    expect(Array.from(ipBytes('1::2') ?? [])).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(ipBytes('1.2.3')).toBeUndefined();
  });
});
