import { describe, expect, it } from 'vitest';
import { peerIp } from './grpc.ts';

describe('collector/transports/grpc', () => {
  it('peerIp strips the scheme and port of grpc-js peer strings', () => {
    expect(peerIp('ipv4:10.1.2.3:5000')).toBe('10.1.2.3');
    expect(peerIp('127.0.0.1:5000')).toBe('127.0.0.1');
    expect(peerIp('ipv6:[::1]:5000')).toBe('::1');
    expect(peerIp('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(peerIp('unix:/tmp/sock')).toBe('');
  });
});
