import { describe, expect, it } from 'vitest';
import { createClientIpResolver, parseCidrs, truncateIp } from './client-ip.ts';

describe('collector/transports/client-ip', () => {
  it('believes X-Forwarded-For only from trusted proxies, walking from the right', () => {
    const resolve = createClientIpResolver(['127.0.0.0/8', '::1/128', '10.0.0.0/8']);
    expect(resolve('203.0.113.9', '1.2.3.4')).toBe('203.0.113.9'); // untrusted peer: header ignored
    expect(resolve('127.0.0.1', '1.2.3.4')).toBe('1.2.3.4');
    expect(resolve('::ffff:127.0.0.1', '1.2.3.4, 10.1.2.3')).toBe('1.2.3.4');
    // A client forging the header cannot get past our proxy's entry.
    expect(resolve('10.0.0.5', '6.6.6.6, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
    expect(resolve('127.0.0.1', 'garbage, 10.1.2.3')).toBe('10.1.2.3');
    expect(resolve('127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(createClientIpResolver([])('127.0.0.1', '1.2.3.4')).toBe('127.0.0.1');
  });

  it('truncates to /24 and /48; rejects bad CIDRs', () => {
    expect(truncateIp('81.2.69.142')).toBe('81.2.69.0');
    expect(truncateIp('::ffff:81.2.69.142')).toBe('81.2.69.0');
    expect(truncateIp('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd::');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::');
    expect(truncateIp('nope')).toBe('');
    expect(parseCidrs(['10.0.0.0/8', '::1']).ok).toBe(true);
    expect(parseCidrs(['10.0.0.0/33', 'x/1'])).toMatchObject({ ok: false, problems: [expect.any(String), expect.any(String)] });
  });
});
