/**
 * Seeded test traffic for the processor: installs sending batches of every payload
 * type, re-sends of whole batches at later positions, and a poison record — plus the
 * ground truth computed from the unique batches with code of its own (nothing from
 * processor/src), so a bug in the processor cannot hide in its own yardstick.
 */
import { IngestedBatch, PAYLOAD_KEYS, type ContextData, type EventData, type IngestedBatchData } from '@gamepulse/proto';
import { mulberry32 } from '@gamepulse/testkit';

export interface TrafficOptions {
  seed?: number;
  installs?: number;
  batchesPerInstall?: number;
  /** Events per batch: fixed when set, else 1–12 at random. */
  eventsPerBatch?: number;
  /** Share of batches appended again (1–2 extra copies). */
  duplicateShare?: number;
  /** Undecodable records to add. */
  poison?: number;
  /** First event time. Default: 23:40 UTC, so the traffic crosses midnight. */
  startMs?: number;
}

export interface TrafficRecord {
  key: string;
  value: Uint8Array;
  /** 'batch' (first copy), 'duplicate' (a later copy) or 'poison'. */
  kind: 'batch' | 'duplicate' | 'poison';
}

export interface Traffic {
  /** In append order. */
  records: TrafficRecord[];
  /** Each batch once, in first-append order. */
  unique: IngestedBatchData[];
  events: number;
}

export const POISON_BYTES = Uint8Array.from([0xff, 0xff, 0xff, 0x01]);

const GAMES = ['space-miners', 'farm-story'];
const PLATFORMS = ['web', 'ios', 'android'];
const COUNTRIES = ['BR', 'DE', 'US', 'JP'];
const CURRENCIES = ['USD', 'EUR', 'BRL'];
const VIRTUAL = ['gold', 'gems'];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function int(rnd: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rnd() * (hi - lo + 1));
}

function payload(rnd: () => number, kind: (typeof PAYLOAD_KEYS)[number]): Partial<EventData> {
  switch (kind) {
    case 'sessionStart':
      return { sessionStart: { resumed: rnd() < 0.2 } };
    case 'sessionEnd':
      return { sessionEnd: { lengthMs: int(rnd, 1_000, 3_600_000) } };
    case 'progression': {
      const depth = int(rnd, 1, 3);
      return {
        progression: {
          status: int(rnd, 1, 3),
          tier1: `world${int(rnd, 1, 2)}`,
          tier2: depth >= 2 ? `level${int(rnd, 1, 3)}` : '',
          tier3: depth >= 3 ? `phase${int(rnd, 1, 2)}` : '',
          attempt: 1,
          score: int(rnd, 0, 1000),
        },
      };
    }
    case 'purchase':
      return {
        purchase: {
          currency: pick(rnd, CURRENCIES),
          amountMinor: int(rnd, 99, 9_999),
          itemType: pick(rnd, ['gem_pack', 'starter']),
          itemId: 'x',
          store: 'web',
        },
      };
    case 'resource':
      return {
        resource: {
          flow: int(rnd, 1, 2),
          currency: pick(rnd, VIRTUAL),
          amount: int(rnd, 1, 500),
          itemType: pick(rnd, ['shop', 'reward']),
          itemId: 'y',
        },
      };
    case 'design':
      return { design: { eventId: pick(rnd, ['ui:settings:open', 'tutorial:step']), value: int(rnd, 0, 40) / 4 } };
    case 'error':
      return { error: { severity: int(rnd, 1, 5), message: 'boom' } };
    case 'ad':
      return { ad: { action: int(rnd, 1, 4), adType: pick(rnd, ['rewarded', 'banner']), network: 'n', placement: 'p', durationMs: 1000 } };
    case 'social':
      return { social: { action: pick(rnd, ['invite', 'share']), target: 't' } };
    case 'featureUse':
      return { featureUse: { feature: pick(rnd, ['daily_bonus', 'chat']) } };
    case 'experimentExposure':
      return { experimentExposure: { experiment: 'onboarding', variant: pick(rnd, ['a', 'b']) } };
    case 'refund':
      return {
        refund: {
          currency: pick(rnd, CURRENCIES),
          amountMinor: int(rnd, 99, 9_999),
          transactionId: 't',
          store: 'web',
          reason: int(rnd, 1, 3),
        },
      };
  }
}

export function generateTraffic(o: TrafficOptions = {}): Traffic {
  const rnd = mulberry32(o.seed ?? 42);
  const installs = o.installs ?? 30;
  const perInstall = o.batchesPerInstall ?? 6;
  const startMs = o.startMs ?? Date.UTC(2025, 0, 15, 23, 40);
  const perInstallBatches: IngestedBatchData[][] = [];
  let events = 0;
  for (let i = 0; i < installs; i++) {
    const installId = `install-${i}`;
    // One in five never identified: player_id empty, so the install id stands in.
    const playerId = i % 5 === 4 ? '' : `player-${i}`;
    const context: ContextData = {
      gameId: pick(rnd, GAMES),
      build: `1.${i % 3}.0`,
      platform: pick(rnd, PLATFORMS),
      country: pick(rnd, COUNTRIES),
    };
    let ts = startMs + int(rnd, 0, 30 * 60_000);
    let eventSeq = 0;
    const batches: IngestedBatchData[] = [];
    for (let b = 1; b <= perInstall; b++) {
      const n = o.eventsPerBatch ?? int(rnd, 1, 12);
      const evs: EventData[] = [];
      for (let k = 0; k < n; k++) {
        // Land some events on the last and the first millisecond of a window.
        const r = rnd();
        if (r < 0.05) ts = Math.floor(ts / 60_000) * 60_000 + 59_999;
        else if (r < 0.1) ts = Math.ceil(ts / 60_000) * 60_000;
        else ts += int(rnd, 100, 25_000);
        const kind = PAYLOAD_KEYS[(eventSeq + i) % PAYLOAD_KEYS.length]!;
        eventSeq += 1;
        const e: EventData = {
          eventId: `${installId}-${eventSeq}`,
          installId,
          playerId,
          sessionId: `${installId}-s`,
          sequence: eventSeq,
          clientTsMs: ts,
          ...payload(rnd, kind),
        };
        // Some events carry a partial context of their own: build only, or country only.
        const c = rnd();
        if (c < 0.08) e.context = { build: '2.0.0-beta' };
        else if (c < 0.12) e.context = { country: 'FR' };
        evs.push(e);
      }
      events += n;
      batches.push({
        installId,
        batchSequence: b,
        context,
        events: evs,
        receivedAtMs: ts + 500,
        clockSkewMs: 0,
        keyId: 'key-1',
        rejected: 0,
      });
    }
    perInstallBatches.push(batches);
  }

  // Interleave installs at random, each install's batches in sequence order (one in
  // flight per install, as the SDK sends them).
  const unique: IngestedBatchData[] = [];
  const cursors = perInstallBatches.map(() => 0);
  let live = perInstallBatches.length;
  while (live > 0) {
    const i = Math.floor(rnd() * perInstallBatches.length);
    const c = cursors[i]!;
    if (c >= perInstallBatches[i]!.length) continue;
    unique.push(perInstallBatches[i]![c]!);
    cursors[i] = c + 1;
    if (c + 1 === perInstallBatches[i]!.length) live -= 1;
  }

  const records: TrafficRecord[] = unique.map((b) => ({ key: b.installId!, value: IngestedBatch.encode(b).finish(), kind: 'batch' }));
  // Re-sends: the same bytes again, somewhere after the first copy (a retry after a
  // lost acknowledgement can only follow the original).
  const share = o.duplicateShare ?? 0.15;
  const originals = records.slice();
  for (let idx = 0; idx < originals.length; idx++) {
    if (rnd() >= share) continue;
    const copies = int(rnd, 1, 2);
    for (let k = 0; k < copies; k++) {
      const from = records.indexOf(originals[idx]!) + 1;
      const at = from + Math.floor(rnd() * (records.length - from + 1));
      records.splice(at, 0, { ...originals[idx]!, kind: 'duplicate' });
    }
  }
  for (let p = 0; p < (o.poison ?? 1); p++) {
    const at = Math.floor(rnd() * records.length);
    records.splice(at, 0, { key: `poison-${p}`, value: POISON_BYTES, kind: 'poison' });
  }
  return { records, unique, events };
}

/** The numbers live-ops read, keyed by readable strings, sorted so toEqual compares them. */
export interface Totals {
  eventsByType: Record<string, number>;
  eventsByWindow: Record<string, number>;
  revenueByCurrency: Record<string, number>;
  /** `${currency}/${source|sink}` → summed amount */
  resourceByCurrencyFlow: Record<string, number>;
  /** `${tier path}/${start|complete|fail}` → events */
  progressionByLevel: Record<string, number>;
  sessions: number;
  sessionLengthMs: number;
  /** window → distinct players */
  uniquePlayersByWindow: Record<string, number>;
  /** `${country}` → events (exercises the per-field context fallback) */
  eventsByCountry: Record<string, number>;
  /** `${build}` → events */
  eventsByBuild: Record<string, number>;
  /** player → ISO day of the first event of the player's first batch (the cohort) */
  cohortByPlayer: Record<string, string>;
  /**
   * Rollup events by the variant stamped on them: the player's latest exposure before or
   * at the event (`''` before any), in the install's batch order (druid/README.md, "A/B readout").
   */
  eventsByVariant: Record<string, number>;
  /** The same from the player windows: every player row carries the variant too. */
  playerEventsByVariant: Record<string, number>;
  /** `${variant}/${currency}` → purchase amount */
  revenueByVariant: Record<string, number>;
  /** variant → distinct players with an event stamped with it */
  playersByVariant: Record<string, number>;
}

export function sorted(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function bump(o: Record<string, number>, k: string, by = 1): void {
  o[k] = (o[k] ?? 0) + by;
}

const STATUS = ['unspecified', 'start', 'complete', 'fail'];
const FLOW = ['unspecified', 'source', 'sink'];

/** Ground truth from the batches as generated (plain objects, before any encoding). */
export function groundTruth(unique: IngestedBatchData[]): Totals {
  const t: Totals = {
    eventsByType: {},
    eventsByWindow: {},
    revenueByCurrency: {},
    resourceByCurrencyFlow: {},
    progressionByLevel: {},
    sessions: 0,
    sessionLengthMs: 0,
    uniquePlayersByWindow: {},
    eventsByCountry: {},
    eventsByBuild: {},
    cohortByPlayer: {},
    eventsByVariant: {},
    playerEventsByVariant: {},
    revenueByVariant: {},
    playersByVariant: {},
  };
  const players = new Map<string, Set<string>>();
  const assigned = new Map<string, string>();
  const variantPlayers = new Map<string, Set<string>>();
  for (const b of unique) {
    for (const e of b.events ?? []) {
      const player = e.playerId || e.installId || '';
      if (e.experimentExposure) assigned.set(player, `${e.experimentExposure.experiment}:${e.experimentExposure.variant}`);
      const variant = assigned.get(player) ?? '';
      bump(t.eventsByVariant, variant);
      bump(t.playerEventsByVariant, variant);
      if (e.purchase) bump(t.revenueByVariant, `${variant}/${e.purchase.currency}`, e.purchase.amountMinor as number);
      if (!variantPlayers.has(variant)) variantPlayers.set(variant, new Set());
      variantPlayers.get(variant)!.add(player);
      t.cohortByPlayer[player] ??= new Date(e.clientTsMs as number).toISOString().slice(0, 10);
      const ts = e.clientTsMs as number;
      const minute = ts - (((ts % 60_000) + 60_000) % 60_000);
      const w = new Date(minute).toISOString();
      bump(t.eventsByWindow, w);
      bump(t.eventsByCountry, e.context?.country || b.context?.country || '');
      bump(t.eventsByBuild, e.context?.build || b.context?.build || '');
      const who = e.playerId || e.installId || '';
      if (!players.has(w)) players.set(w, new Set());
      players.get(w)!.add(who);
      let type: string;
      if (e.sessionStart) {
        type = 'session_start';
        t.sessions += 1;
      } else if (e.sessionEnd) {
        type = 'session_end';
        t.sessionLengthMs += e.sessionEnd.lengthMs as number;
      } else if (e.progression) {
        type = 'progression';
        const p = e.progression;
        const path = [p.tier1, p.tier2, p.tier3].filter((x) => x).join(':');
        bump(t.progressionByLevel, `${path}/${STATUS[p.status as number]}`);
      } else if (e.purchase) {
        type = 'purchase';
        bump(t.revenueByCurrency, e.purchase.currency!, e.purchase.amountMinor as number);
      } else if (e.resource) {
        type = 'resource';
        bump(t.resourceByCurrencyFlow, `${e.resource.currency}/${FLOW[e.resource.flow as number]}`, e.resource.amount as number);
      } else if (e.design) type = 'design';
      else if (e.error) type = 'error';
      else if (e.ad) type = 'ad';
      else if (e.social) type = 'social';
      else if (e.featureUse) type = 'feature_use';
      else if (e.experimentExposure) type = 'experiment_exposure';
      else if (e.refund) type = 'refund';
      else type = 'unknown';
      bump(t.eventsByType, type);
    }
  }
  for (const [w, set] of players) t.uniquePlayersByWindow[w] = set.size;
  for (const [v, set] of variantPlayers) t.playersByVariant[v] = set.size;
  return normalize(t);
}

function normalize(t: Totals): Totals {
  return {
    ...t,
    eventsByType: sorted(t.eventsByType),
    eventsByWindow: sorted(t.eventsByWindow),
    revenueByCurrency: sorted(t.revenueByCurrency),
    resourceByCurrencyFlow: sorted(t.resourceByCurrencyFlow),
    progressionByLevel: sorted(t.progressionByLevel),
    uniquePlayersByWindow: sorted(t.uniquePlayersByWindow),
    eventsByCountry: sorted(t.eventsByCountry),
    eventsByBuild: sorted(t.eventsByBuild),
    eventsByVariant: sorted(t.eventsByVariant),
    playerEventsByVariant: sorted(t.playerEventsByVariant),
    revenueByVariant: sorted(t.revenueByVariant),
    playersByVariant: sorted(t.playersByVariant),
    cohortByPlayer: Object.fromEntries(Object.entries(t.cohortByPlayer).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/** The same totals from rows a sink holds (RollupRow / PlayerWindow shape). */
export function totalsFromRows(
  rollups: Array<{
    windowStartMs?: number | null;
    eventType?: string | null;
    action?: string | null;
    currency?: string | null;
    item?: string | null;
    country?: string | null;
    build?: string | null;
    variant?: string | null;
    events?: number | null;
    amount?: number | null;
  }>,
  players: Array<{
    windowStartMs?: number | null;
    playerId?: string | null;
    firstSeenDayMs?: number | null;
    variant?: string | null;
    events?: number | null;
  }>,
): Totals {
  const t: Totals = {
    eventsByType: {},
    eventsByWindow: {},
    revenueByCurrency: {},
    resourceByCurrencyFlow: {},
    progressionByLevel: {},
    sessions: 0,
    sessionLengthMs: 0,
    uniquePlayersByWindow: {},
    eventsByCountry: {},
    eventsByBuild: {},
    cohortByPlayer: {},
    eventsByVariant: {},
    playerEventsByVariant: {},
    revenueByVariant: {},
    playersByVariant: {},
  };
  for (const r of rollups) {
    const n = Number(r.events ?? 0);
    const amount = Number(r.amount ?? 0);
    bump(t.eventsByType, r.eventType ?? '', n);
    bump(t.eventsByWindow, new Date(Number(r.windowStartMs)).toISOString(), n);
    bump(t.eventsByCountry, r.country ?? '', n);
    bump(t.eventsByBuild, r.build ?? '', n);
    if (r.eventType === 'session_start') t.sessions += n;
    if (r.eventType === 'session_end') t.sessionLengthMs += amount;
    if (r.eventType === 'purchase') bump(t.revenueByCurrency, r.currency ?? '', amount);
    bump(t.eventsByVariant, r.variant ?? '', n);
    if (r.eventType === 'purchase') bump(t.revenueByVariant, `${r.variant ?? ''}/${r.currency ?? ''}`, amount);
    if (r.eventType === 'resource') bump(t.resourceByCurrencyFlow, `${r.currency}/${r.action}`, amount);
    if (r.eventType === 'progression') bump(t.progressionByLevel, `${r.item}/${r.action}`, n);
  }
  const sets = new Map<string, Set<string>>();
  const variantPlayers = new Map<string, Set<string>>();
  for (const p of players) {
    bump(t.playerEventsByVariant, p.variant ?? '', Number(p.events ?? 0));
    if (!variantPlayers.has(p.variant ?? '')) variantPlayers.set(p.variant ?? '', new Set());
    variantPlayers.get(p.variant ?? '')!.add(p.playerId ?? '');
    const w = new Date(Number(p.windowStartMs)).toISOString();
    if (!sets.has(w)) sets.set(w, new Set());
    sets.get(w)!.add(p.playerId ?? '');
    // Every window row of a player carries the same cohort; a disagreement shows up as 'MIXED'.
    const day = new Date(Number(p.firstSeenDayMs)).toISOString().slice(0, 10);
    const known = t.cohortByPlayer[p.playerId ?? ''];
    t.cohortByPlayer[p.playerId ?? ''] = known === undefined || known === day ? day : 'MIXED';
  }
  for (const [w, set] of sets) t.uniquePlayersByWindow[w] = set.size;
  for (const [v, set] of variantPlayers) t.playersByVariant[v] = set.size;
  // Zero-valued keys (a currency only ever in sinks, say) do not exist in the truth either.
  return normalize(t);
}
