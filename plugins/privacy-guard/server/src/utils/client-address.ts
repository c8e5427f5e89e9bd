import net from 'node:net';

/**
 * A client address cut to its network, so the ledger proves where consent came from without
 * naming a device: IPv4 to its /24, IPv6 to its /48 (IPv4-mapped IPv6 counts as IPv4).
 */
export function truncateAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const plain = unmapped(address);
  if (net.isIPv4(plain)) return `${plain.split('.').slice(0, 3).join('.')}.0/24`;
  if (net.isIPv6(plain)) return `${prefixOf(plain, 3)}::/48`;
  return null;
}

/**
 * Who a rate limit or a lockout counts: the client's address, an IPv6 one cut to its /64. A home,
 * a phone or a rented server is given a whole /64 and picks any of its 2^64 addresses at will, so
 * counting full IPv6 addresses gave one client as many fresh counts as it cared to take. IPv4 and
 * IPv4-mapped IPv6 count as the address itself; anything else (no address, a name) as given.
 */
export function clientKey(address: string | null | undefined): string {
  if (!address) return 'unknown';
  const plain = unmapped(address);
  if (net.isIPv6(plain)) return `${prefixOf(plain, 4)}::/64`;
  return plain;
}

/** The address as written, an IPv4-mapped IPv6 one (`::ffff:198.51.100.7`) as the IPv4 address it is. */
const unmapped = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** The first `groups` groups of an IPv6 address, each without leading zeros (`2001:db8:1`). */
const prefixOf = (address: string, groups: number) =>
  expandIPv6(address)
    .slice(0, groups)
    .map((h) => h.replace(/^0+(?=.)/, ''))
    .join(':');

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  if (right.length && right[right.length - 1].includes('.')) right.splice(-1, 1, '0', '0');
  if (left.length && left[left.length - 1].includes('.')) left.splice(-1, 1, '0', '0');
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(address.includes('::') ? missing : 0).fill('0'), ...right].map((h) => h.toLowerCase().padStart(4, '0'));
}
