import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@gamepulse/testkit';
import { createFileStorage } from './file-storage.ts';
import { createSeededRandom } from '../core/random.ts';
import type { SendResult } from '../core/transport.ts';
import { createFakeTransport, decodeBatch } from '../testing/fake-transport.ts';
import { createTestClient } from '../testing/test-client.ts';

const tmp = tempDirs('gp-sdk-files-');
const tempDir = () => tmp.make();
afterEach(() => tmp.cleanup());

const unavailable: SendResult = { ok: false, retryable: true, status: 503, code: 'GP_SDK_HTTP_STATUS' };

describe('node/file-storage', () => {
  it('survives a restart: a new client over the same directory re-sends the pending batch unchanged', async () => {
    const dir = tempDir();
    const down = createFakeTransport(() => unavailable);
    const run1 = createTestClient({ storage: createFileStorage(dir), transport: down, options: { flushTimeoutMs: 2_000 } });
    await run1.gp.ready; // real file I/O: let it load before the manual clock races ahead
    run1.gp.identify('player-9');
    run1.gp.progression.start('world1', 'level1');
    run1.gp.resource.source('gold', 50, 'reward');
    const stopped = run1.gp.shutdown();
    await run1.clock.advance(2_000);
    await stopped;
    expect(readdirSync(join(dir, 'batches.v1'))).toEqual(['0000000000000001.pb']);
    const onDisk = readFileSync(join(dir, 'batches.v1', '0000000000000001.pb'));
    expect(decodeBatch(onDisk).events).toHaveLength(4); // session_start, progression, resource, session_end

    const run2 = createTestClient({ storage: createFileStorage(dir), options: { random: createSeededRandom(2) } });
    await run2.gp.ready;
    expect(run2.gp.installId).toBe(run1.gp.installId);
    run2.gp.featureUsed('map');
    await run2.gp.flush();
    const [resent, next] = run2.transport.attempts;
    expect(resent!.sequence).toBe(1);
    expect(Buffer.from(resent!.bytes).equals(onDisk)).toBe(true);
    for (const attempt of down.attempts) expect(Buffer.from(attempt.bytes).equals(onDisk)).toBe(true);
    expect(next!.sequence).toBe(2);
    // The counter continues, so does its stream (kept in state.v1.json), though run 2 draws other random numbers.
    expect(decodeBatch(next!.bytes).streamId).toBe(decodeBatch(onDisk).streamId);
    expect(decodeBatch(onDisk).streamId).toBeGreaterThan(0);
    const events = decodeBatch(next!.bytes).events;
    expect(events.map((e) => e.sequence)).toEqual([5, 6]); // run 1 used 1..4
    expect(events[0]!.sessionNumber).toBe(2);
    expect(events.every((e) => e.playerId === 'player-9')).toBe(true);
    await run2.gp.shutdown(); // waits for the deletes of acknowledged batches
    expect(readdirSync(join(dir, 'batches.v1'))).toEqual([]);
  });

  it('sets aside unreadable files and never reuses a stored sequence', async () => {
    const dir = tempDir();
    const storage = createFileStorage(dir, { fsync: false });
    await storage.load();
    await storage.putBatch({ sequence: 5, bytes: new Uint8Array([0x10, 0x05]), eventCount: 0 }, []); // batch_sequence = 5
    writeFileSync(join(dir, 'batches.v1', '0000000000000006.pb'), Buffer.from([0xff, 0xff, 0xff]));
    writeFileSync(join(dir, 'state.v1.json'), '{not json');
    writeFileSync(join(dir, 'batches.v1', '0000000000000007.pb.123.0.tmp'), 'partial');
    const corrupt: string[] = [];
    const loaded = await createFileStorage(dir, { onCorrupt: (p) => corrupt.push(p) }).load();
    expect(loaded.state).toBeUndefined();
    expect(loaded.batches.map((b) => b.sequence)).toEqual([5]);
    expect(corrupt.map((p) => p.slice(dir.length)).sort()).toEqual(['/state.v1.json', '/batches.v1/0000000000000006.pb'].sort());
    expect(readdirSync(join(dir, 'batches.v1')).sort()).toEqual(['0000000000000005.pb', '0000000000000006.pb.corrupt']);
  });

  it('kill -9 of a game server loses no tracked event: stored batches and the journal of queued ones come back, each event once', async () => {
    const dir = tempDir();
    const count = 300;
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../testing/crash-child.ts'), dir, String(count)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`crash child exited with ${code} before it was ready: ${out}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Both places held events when it died: a stored batch and a non-empty journal.
    expect(readdirSync(join(dir, 'batches.v1')).filter((f) => f.endsWith('.pb')).length).toBeGreaterThan(0);
    expect(statSync(join(dir, 'journal.v1.log')).size).toBeGreaterThan(0);

    const run2 = createTestClient({ storage: createFileStorage(dir, { fsync: false }) });
    await run2.gp.ready;
    await run2.gp.flush();
    await run2.gp.shutdown();
    const bySequence = new Map<number, ReturnType<typeof decodeBatch>>();
    for (const a of run2.transport.attempts) bySequence.set(a.sequence, decodeBatch(a.bytes)); // a re-send is the same batch
    const values = [...bySequence.values()]
      .flatMap((b) => b.events)
      .filter((e) => e.design?.eventId === 'test:crash')
      .map((e) => Number(e.design!.value ?? 0)); // proto3 omits a 0
    expect(values.length).toBe(count); // none twice
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i)); // none lost
  });

  it('setConsent(false) wipes the files and the decision survives a restart: nothing stored is ever sent', async () => {
    const dir = tempDir();
    const down = createFakeTransport(() => unavailable);
    const run1 = createTestClient({
      storage: createFileStorage(dir, { fsync: false }),
      transport: down,
      options: { flushIntervalMs: 1_000 },
    });
    await run1.gp.ready;
    run1.gp.featureUsed('a');
    await run1.clock.advance(1_000); // a batch is frozen and stored; it fails to send
    run1.gp.featureUsed('b'); // queued, journaled
    await run1.clock.settle();
    expect(readdirSync(join(dir, 'batches.v1')).length).toBe(1);
    expect(statSync(join(dir, 'journal.v1.log')).size).toBeGreaterThan(0);
    run1.gp.setConsent(false);
    await run1.clock.settle();
    await run1.gp.shutdown();
    expect(readdirSync(join(dir, 'batches.v1'))).toEqual([]);
    expect(statSync(join(dir, 'journal.v1.log')).size).toBe(0);
    expect(existsSync(join(dir, 'state.v1.json'))).toBe(false);
    expect(readFileSync(join(dir, 'consent.v1'), 'utf8')).toBe('denied');

    const run2 = createTestClient({ storage: createFileStorage(dir, { fsync: false }) });
    await run2.gp.ready;
    run2.gp.featureUsed('c');
    await run2.gp.flush();
    expect(run2.transport.attempts).toHaveLength(0);
    expect(run2.gp.stats().consent).toBe('denied');
    await run2.gp.shutdown();
  });
});
