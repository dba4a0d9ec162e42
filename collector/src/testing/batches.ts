/**
 * Test builders for batches and events (used by unit and integration tests; not
 * exported from the package). Every event built here passes `validateEvent`.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { EventBatch, type EventBatchData, type EventData } from '@gamepulse/proto';

export const TEST_NOW_MS = 1_760_000_000_000;

export function validEvent(installId: string, sequence: number, overrides: Partial<EventData> = {}): EventData {
  return {
    eventId: randomUUID(),
    installId,
    playerId: `player-${installId}`,
    sessionId: '0190a6f0-0000-7000-8000-000000000001',
    sequence,
    clientTsMs: TEST_NOW_MS - 1000 + sequence,
    sessionNumber: 1,
    progression: { status: 2, tier1: 'world1', tier2: `level${sequence}`, attempt: 1, score: 100 * sequence },
    ...overrides,
  };
}

export function batch(installId: string, events: EventData[], overrides: Partial<EventBatchData> = {}): EventBatchData {
  return {
    installId,
    batchSequence: 1,
    sentAtMs: TEST_NOW_MS - 250,
    context: { build: '1.0.0', platform: 'web', sdkVersion: 'js/0.1.0' },
    events,
    ...overrides,
  };
}

export function encodeBatch(data: EventBatchData): Uint8Array {
  return EventBatch.encode(data).finish();
}

export function gzipBatch(data: EventBatchData): Uint8Array {
  return gzipSync(encodeBatch(data));
}
