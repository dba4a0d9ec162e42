/**
 * The fold view against the full decode: whatever the full IngestedBatch decode accepts,
 * folding the view gives the same rows, players and state — on generated traffic with
 * every payload, with the collector's appended event-time corrections and unknown
 * fields, and on thousands of byte-level mutations of it. And foldBatch reads nothing
 * the view leaves out.
 */
import $protobuf from 'protobufjs/minimal.js';
import { Event, IngestedBatch, type EventData, type IngestedBatchData, type PayloadKey } from '@gamepulse/proto';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@gamepulse/testkit';
import { generateTraffic } from '../test/support/traffic.ts';
import { RollupAccumulator } from './aggregate/accumulator.ts';
import { createAssignmentTable } from './aggregate/assignment.ts';
import { createFirstSeenTable } from './aggregate/first-seen.ts';
import { createActivityTable } from './aggregate/activity.ts';
import { foldBatch } from './aggregate/fold-batch.ts';
import { decodeFoldBatch, FOLD_VIEW } from './fold-view.ts';

/** Folds `batches` into fresh tables; everything the fold produced, comparable with toEqual. */
function fold(batches: IngestedBatchData[]) {
  const acc = new RollupAccumulator();
  const tables = { firstSeen: createFirstSeenTable(0), assignments: createAssignmentTable(0), activity: createActivityTable(0) };
  const results = batches.map((b) => foldBatch(b, acc, tables, 1_736_985_600_000));
  const drained = acc.drain();
  const byKey = (r: object) => JSON.stringify(r);
  return {
    results,
    rollups: drained.rollups.map((r) => ({ ...r })).sort((a, b) => byKey(a).localeCompare(byKey(b))),
    players: drained.players.map((r) => ({ ...r })).sort((a, b) => byKey(a).localeCompare(byKey(b))),
    state: [...tables.firstSeen.takeDirty(), ...tables.assignments.takeDirty()],
  };
}

/** An IngestedBatch as the collector writes it: event bytes as received, some with a corrected time or unknown fields appended. */
function collectorBytes(batch: IngestedBatchData, rnd: () => number): Uint8Array {
  const head = IngestedBatch.encode({ ...batch, events: [] }).finish();
  const parts: Uint8Array[] = [head];
  for (const e of batch.events ?? []) {
    const ew = $protobuf.Writer.create();
    const r = rnd();
    if (r < 0.15)
      ew.uint32((6 << 3) | 0).int64(Number(e.clientTsMs) + 12_345); // event-time correction
    else if (r < 0.25)
      ew.uint32((99 << 3) | 0)
        .uint32(7)
        .uint32((98 << 3) | 2)
        .string('unknown'); // fields of a newer schema
    const bytes = new Uint8Array([...Event.encode(e).finish(), ...ew.finish()]);
    parts.push(
      $protobuf.Writer.create()
        .uint32((4 << 3) | 2)
        .bytes(bytes)
        .finish(),
    );
  }
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

describe('processor/fold-view', () => {
  const traffic = generateTraffic({ seed: 5, installs: 40, batchesPerInstall: 8, duplicateShare: 0, poison: 0 });
  const rnd = mulberry32(9);
  const records = traffic.unique.map((b) => collectorBytes(b, rnd));

  it('folds generated traffic exactly as the full decode does', () => {
    const full = fold(records.map((r) => IngestedBatch.decode(r)));
    const view = fold(records.map((r) => decodeFoldBatch(r)));
    expect(full.rollups.length).toBeGreaterThan(100);
    expect(view).toEqual(full);
  });

  it('on 3,000 byte-level mutations: wherever the full decode succeeds, the view folds the same', () => {
    const mutate = mulberry32(77);
    let compared = 0;
    for (let i = 0; i < 3_000; i++) {
      const src = records[Math.floor(mutate() * records.length)]!;
      const bytes = src.slice(0, mutate() < 0.2 ? Math.floor(mutate() * src.length) : src.length);
      for (let k = 1 + Math.floor(mutate() * 3); k > 0 && bytes.length > 0; k--)
        bytes[Math.floor(mutate() * bytes.length)] = Math.floor(mutate() * 256);
      let full: IngestedBatchData;
      try {
        full = IngestedBatch.decode(bytes);
      } catch {
        continue; // the processor dead-letters it either way or folds what it can read: not compared
      }
      compared += 1;
      expect(fold([decodeFoldBatch(bytes)]), `mutation ${i}`).toEqual(fold([full]));
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('foldBatch reads no field the view leaves out', () => {
    const TYPE_OF: Record<PayloadKey, string> = {
      sessionStart: 'SessionStart',
      sessionEnd: 'SessionEnd',
      progression: 'Progression',
      purchase: 'Purchase',
      resource: 'Resource',
      design: 'Design',
      error: 'Error',
      ad: 'Ad',
      social: 'Social',
      featureUse: 'FeatureUse',
      experimentExposure: 'ExperimentExposure',
      refund: 'Refund',
    };
    const outside: string[] = [];
    // A type the view does not list keeps every field: nothing to guard.
    const guard = <T extends object>(o: T, type: string, nested: (key: string, value: unknown) => unknown = (_k, v) => v): T => {
      const kept = FOLD_VIEW[type];
      return new Proxy(o, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof key !== 'string' || typeof value === 'function') return value;
          if (kept && !kept.includes(key) && key !== 'payload') outside.push(`${type}.${key}`);
          return nested(key, value);
        },
      });
    };
    const guardEvent = (e: EventData) =>
      guard(e, 'Event', (key, value) =>
        value && typeof value === 'object' ? guard(value, key === 'context' ? 'Context' : (TYPE_OF[key as PayloadKey] ?? key)) : value,
      );
    const batches = records.map((r) => {
      const b = decodeFoldBatch(r);
      return guard(b, 'IngestedBatch', (key, value) =>
        key === 'events' ? (value as EventData[]).map(guardEvent) : key === 'context' && value ? guard(value, 'Context') : value,
      );
    });
    fold(batches);
    expect([...new Set(outside)]).toEqual([]);
  });
});
