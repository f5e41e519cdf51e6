import { describe, expect, it } from 'vitest';
import { addressKey, delayAfterFailures } from './throttle.service.ts';

describe('sign-in throttle', () => {
  it('lets five failures pass, then doubles the wait from 2 seconds up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5].map(delayAfterFailures)).toEqual([0, 0, 0, 0, 0]);
    expect([6, 7, 8, 9, 10].map(delayAfterFailures)).toEqual([2, 4, 8, 16, 32]);
    expect(delayAfterFailures(14)).toBe(512);
    expect(delayAfterFailures(15)).toBe(900);
    expect(delayAfterFailures(1000)).toBe(900);
  });

  it('counts an IPv6 client by its /64 and an IPv4 client by its address, also when mapped', () => {
    expect(addressKey('2001:db8:abcd:12:1::7')).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:0DB8:ABCD:0012:ffff:1:2:3')).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:192.0.2.10')).toBe('192.0.2.10');
    expect(addressKey('192.0.2.10')).toBe('192.0.2.10');
  });
});
