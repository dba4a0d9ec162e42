/**
 * Independent ground truth for our murmur2: kafkajs's DefaultPartitioner is a port of
 * the Java client's (0.10.2+) murmur2 partitioner, written with 64-bit Long arithmetic
 * rather than our Math.imul, so agreement on many random keys and partition counts means
 * the embedded log, kafkajs and Java/Go producers place a key on the same partition.
 */
import { describe, expect, it } from 'vitest';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { mulberry32 } from '@gamepulse/testkit';
import { partitionForKey } from '../partitioner.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:./ éüß漢字🎮';

function randomKey(rand: () => number): string {
  const chars = [...ALPHABET];
  const length = Math.floor(rand() * 48);
  let s = '';
  for (let i = 0; i < length; i++) s += chars[Math.floor(rand() * chars.length)];
  return s;
}

function metadata(n: number): PartitionMetadata[] {
  return Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
}

describe('log/src/kafka/partitioner-kafkajs: partitionForKey equals kafkajs DefaultPartitioner (Java murmur2)', () => {
  const kafkajs = Partitioners.DefaultPartitioner();

  it('agrees for 20 000 random keys (ASCII and multi-byte UTF-8, lengths 0-47) and partition counts 1-64', () => {
    const rand = mulberry32(0x5eed);
    let compared = 0;
    for (let i = 0; i < 20_000; i++) {
      const key = randomKey(rand);
      const n = 1 + Math.floor(rand() * 64);
      const expected = kafkajs({ topic: 't', partitionMetadata: metadata(n), message: { key: Buffer.from(key, 'utf8'), value: null } });
      expect(partitionForKey(key, n), `key ${JSON.stringify(key)} over ${n} partitions`).toBe(expected);
      compared++;
    }
    expect(compared).toBe(20_000);
  });

  it('agrees on the shapes gamepulse uses (install ids as keys, the default partition counts)', () => {
    const rand = mulberry32(42);
    for (let i = 0; i < 2_000; i++) {
      const key = `install-${Math.floor(rand() * 1e9).toString(36)}-${i}`;
      for (const n of [1, 2, 4, 8, 12, 100]) {
        expect(partitionForKey(key, n)).toBe(kafkajs({ topic: 't', partitionMetadata: metadata(n), message: { key, value: null } }));
      }
    }
  });

  it('spreads keys over all partitions', () => {
    const seen = new Set(Array.from({ length: 400 }, (_, i) => partitionForKey(`player-${i}`, 8)));
    expect(seen.size).toBe(8);
  });
});
