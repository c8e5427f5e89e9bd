import { clientKey, truncateAddress } from '../../plugins/privacy-guard/server/src/utils/client-address';

describe('clientKey: who a rate limit or a lockout counts', () => {
  it('counts every address of one IPv6 /64 as one client, whatever its spelling', () => {
    const one = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:0DB8:0001:0002:0:0:0:7', '2001:db8:1:2:aa::%eth0', '2001:db8:1:2::203.0.113.5'];
    expect(new Set(one.map(clientKey))).toEqual(new Set(['2001:db8:1:2::/64']));
  });

  it('keeps neighbouring /64s apart', () => {
    expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientKey('2001:db8:1::1')).toBe('2001:db8:1:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('counts an IPv4 client by its whole address, also when it comes IPv4-mapped', () => {
    expect(clientKey('198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('::FFFF:198.51.100.7')).toBe('198.51.100.7');
    expect(clientKey('198.51.100.8')).not.toBe(clientKey('198.51.100.7'));
  });

  it('gives one key to a request without an address', () => {
    expect(clientKey(undefined)).toBe('unknown');
    expect(clientKey('')).toBe('unknown');
  });

  it('leaves what the ledger keeps of an address unchanged (/24 and /48)', () => {
    expect(truncateAddress('198.51.100.7')).toBe('198.51.100.0/24');
    expect(truncateAddress('2001:db8:1:2::1')).toBe('2001:db8:1::/48');
  });
});
