/**
 * Consent, sampling and experiments on a manual clock with memory storage.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './memory-storage.ts';
import { assignVariant, inSample, unitHash } from './hash.ts';
import { decodeBatch } from '../testing/fake-transport.ts';
import { createTestClient } from '../testing/test-client.ts';

describe('core/consent', () => {
  it('opt-in: nothing is stored or sent before consent; setConsent(true) stores and sends what waited', async () => {
    const storage = createMemoryStorage();
    const { gp, transport, clock } = createTestClient({ storage, options: { consent: 'opt-in' } });
    await gp.ready;
    gp.featureUsed('before_consent');
    await clock.advance(60_000);
    expect(transport.attempts).toHaveLength(0);
    expect(await storage.load()).toMatchObject({ state: undefined, batches: [], journal: [] });
    expect(gp.stats().consent).toBe('pending');
    gp.setConsent(true);
    await gp.flush();
    expect(transport.attempts.flatMap((a) => decodeBatch(a.bytes).events.map((e) => e.featureUse?.feature ?? 'start'))).toEqual([
      'start',
      'before_consent',
    ]);
    expect((await storage.load()).consent).toBe('granted');
  });

  it('opt-in denied: queued events are discarded, nothing is ever sent, and the decision is remembered', async () => {
    const storage = createMemoryStorage();
    const run1 = createTestClient({ storage, options: { consent: 'opt-in' } });
    await run1.gp.ready;
    run1.gp.featureUsed('a');
    run1.gp.setConsent(false);
    run1.gp.featureUsed('b');
    await run1.gp.flush();
    expect(run1.transport.attempts).toHaveLength(0);
    expect(run1.gp.stats()).toMatchObject({ consent: 'denied', queued: 0, droppedByReason: { GP_SDK_CONSENT_DENIED: 3 } });
    await run1.gp.shutdown();
    const loaded = await storage.load();
    expect(loaded).toMatchObject({ consent: 'denied', state: undefined, batches: [], journal: [] });

    const run2 = createTestClient({ storage, options: { consent: 'opt-in' } });
    await run2.gp.ready;
    run2.gp.featureUsed('c');
    await run2.gp.flush();
    expect(run2.transport.attempts).toHaveLength(0);
    expect(run2.gp.stats().consent).toBe('denied');
  });

  it('opt-out: tracking runs until setConsent(false), which discards unsent events and wipes storage', async () => {
    const storage = createMemoryStorage();
    const down = createTestClient({ storage, options: { flushIntervalMs: 60_000 } });
    await down.gp.ready;
    down.gp.featureUsed('a');
    await down.clock.settle();
    expect(storage.journalIds().length).toBe(2);
    down.gp.setConsent(false);
    await down.clock.settle();
    expect(storage.journalIds()).toEqual([]);
    expect((await storage.load()).state).toBeUndefined();
    await down.gp.flush();
    expect(down.transport.attempts).toHaveLength(0);
  });
});

describe('core/hash sampling and experiments', () => {
  it('unitHash is FNV-1a over UTF-8 with the murmur3 finaliser: fixed values, so every SDK agrees', () => {
    // Reference values computed independently (Python, same definition).
    expect(unitHash('')).toBe(0.6689221884589642);
    expect(unitHash('player-1')).toBe(0.43815596937201917);
    expect(unitHash('日本')).toBe(0.9375696850474924);
    expect(unitHash('🎮')).toBe(0.16064162948168814); // a surrogate pair is one 4-byte UTF-8 character
  });

  it('keeps about sampleRate of players, the same ones every time', () => {
    const kept = Array.from({ length: 20_000 }, (_, i) => inSample(`p${i}`, 0.1)).filter(Boolean).length;
    expect(kept / 20_000).toBeGreaterThan(0.09);
    expect(kept / 20_000).toBeLessThan(0.11);
    expect(inSample('p7', 0.1)).toBe(inSample('p7', 0.1));
    expect(inSample('anyone', 1)).toBe(true);
  });

  it('samples by player in the client: a sampled-out player sends nothing, a kept one sends sample_rate', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `player-${i}`);
    const keptId = ids.find((id) => inSample(id, 0.5))!;
    const droppedId = ids.find((id) => !inSample(id, 0.5))!;
    for (const [playerId, expectSent] of [
      [keptId, true],
      [droppedId, false],
    ] as const) {
      const { gp, transport } = createTestClient({ options: { sampleRate: 0.5, playerId } });
      await gp.ready;
      gp.featureUsed('a');
      await gp.flush();
      const sent = transport.attempts.flatMap((a) => decodeBatch(a.bytes).events);
      if (expectSent) expect(sent.map((e) => e.sampleRate)).toEqual([0.5, 0.5]);
      else expect(sent).toEqual([]);
      expect(gp.stats().sampledOut).toBe(expectSent ? 0 : 2);
      expect(gp.stats().droppedByReason).toEqual({}); // sampling is not loss
    }
  });

  it('assigns variants deterministically by (experiment, player), honouring weights', () => {
    expect(assignVariant('shop', 'p1', ['A', 'B'])).toBe(assignVariant('shop', 'p1', ['A', 'B']));
    const counts = { A: 0, B: 0 } as Record<string, number>;
    for (let i = 0; i < 10_000; i++) counts[assignVariant('shop', `p${i}`, { A: 1, B: 3 })!]!++;
    expect(counts.B! / 10_000).toBeGreaterThan(0.72);
    expect(counts.B! / 10_000).toBeLessThan(0.78);
    expect(assignVariant('shop', 'p1', [])).toBeUndefined();
  });

  it('experiment.variant records the exposure once per session, and again in the next session', async () => {
    const { gp, transport } = createTestClient({ options: { playerId: 'p-42' } });
    await gp.ready;
    const v = gp.experiment.variant('shop_layout', ['A', 'B']);
    expect(gp.experiment.variant('shop_layout', ['A', 'B'])).toBe(v);
    gp.session.start(); // a new session
    gp.experiment.variant('shop_layout', ['A', 'B']);
    await gp.flush();
    const exposures = transport.attempts.flatMap((a) => decodeBatch(a.bytes).events).filter((e) => e.experimentExposure);
    expect(exposures.map((e) => e.experimentExposure)).toEqual([
      { experiment: 'shop_layout', variant: v },
      { experiment: 'shop_layout', variant: v },
    ]);
    expect(new Set(exposures.map((e) => e.sessionNumber))).toEqual(new Set([1, 2]));
  });
});
