import net from 'node:net';

/**
 * A client address cut to its network, so the ledger proves where consent came from without
 * naming a device: IPv4 to its /24, IPv6 to its /48 (IPv4-mapped IPv6 counts as IPv4).
 */
export function truncateAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const plain = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (net.isIPv4(plain)) return `${plain.split('.').slice(0, 3).join('.')}.0/24`;
  if (net.isIPv6(plain)) return `${expandIPv6(plain).slice(0, 3).map((h) => h.replace(/^0+(?=.)/, '')).join(':')}::/48`;
  return null;
}

function expandIPv6(address: string): string[] {
  const [head, tail = ''] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  if (right.length && right[right.length - 1].includes('.')) right.splice(-1, 1, '0', '0');
  if (left.length && left[left.length - 1].includes('.')) left.splice(-1, 1, '0', '0');
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(address.includes('::') ? missing : 0).fill('0'), ...right].map((h) => h.padStart(4, '0'));
}
