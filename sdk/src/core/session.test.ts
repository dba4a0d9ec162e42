import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './memory-storage.ts';
import { decodeBatch } from '../testing/fake-transport.ts';
import { createTestClient } from '../testing/test-client.ts';

const MIN = 60_000;

function sessionEvents(bytes: Uint8Array[]) {
  return bytes
    .flatMap((b) => decodeBatch(b).events)
    .filter((e) => e.sessionStart || e.sessionEnd)
    .map((e) => (e.sessionStart ? `start#${e.sessionNumber}` : `end#${e.sessionNumber}:${e.sessionEnd!.lengthMs}`));
}

describe('core/session', () => {
  it('a short pause continues the session; foreground time excludes the pause', async () => {
    const { gp, transport, clock } = createTestClient();
    await gp.ready;
    gp.featureUsed('a');
    await clock.advance(2 * MIN);
    gp.pause();
    await clock.advance(10 * MIN);
    gp.resume();
    await clock.advance(1 * MIN);
    gp.session.end();
    await gp.flush();
    expect(sessionEvents(transport.attempts.map((a) => a.bytes))).toEqual([`start#1`, `end#1:${3 * MIN}`]);
  });

  it('a pause longer than sessionTimeoutMs ends the session at the pause and starts a new one on resume', async () => {
    const { gp, transport, clock } = createTestClient({ options: { sessionTimeoutMs: 30 * MIN } });
    await gp.ready;
    gp.featureUsed('a');
    await clock.advance(5 * MIN);
    gp.pause();
    await clock.advance(31 * MIN);
    gp.resume();
    gp.featureUsed('b');
    await gp.flush();
    expect(sessionEvents(transport.attempts.map((a) => a.bytes))).toEqual([`start#1`, `end#1:${5 * MIN}`, 'start#2']);
  });

  it('a reload within the timeout resumes the same session (no second session_start); a late one ends it', async () => {
    const storage = createMemoryStorage();
    const run1 = createTestClient({ storage });
    await run1.gp.ready;
    run1.gp.featureUsed('a');
    await run1.clock.advance(4 * MIN);
    run1.gp.pause(); // page hidden, then the page goes away without shutdown
    await run1.gp.flush();
    const clock2 = run1.clock;

    const run2 = createTestClient({ storage, clock: clock2 });
    await run2.gp.ready;
    run2.gp.featureUsed('b');
    await clock2.advance(MIN);
    await run2.gp.flush();
    const all = [...run1.transport.attempts, ...run2.transport.attempts].flatMap((a) => decodeBatch(a.bytes).events);
    expect(new Set(all.map((e) => e.sessionId)).size).toBe(1);
    expect(all.filter((e) => e.sessionStart)).toHaveLength(1);
    run2.gp.pause();
    await run2.gp.flush();

    await clock2.advance(45 * MIN);
    const run3 = createTestClient({ storage, clock: clock2 });
    await run3.gp.ready;
    run3.gp.featureUsed('c');
    await run3.gp.flush();
    expect(sessionEvents(run3.transport.attempts.map((a) => a.bytes))).toEqual([`end#1:${5 * MIN}`, 'start#2']);
  });
});
