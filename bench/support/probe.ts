/**
 * Event → visible latency: a live SDK client (real clock) tracks a probe event every
 * `everyMs` under its own game id; a poller asks the query API how many probe events
 * are visible. Probes become visible in order (one install, one batch in flight), so
 * when the count goes from a to b, probes a..b-1 became visible at that poll: their
 * latency is poll time minus the time they were tracked — SDK batching, collector,
 * durable log, processor commit and the query included.
 */
import { createNodeGamepulse } from '@gamepulse/sdk/node';

export interface Probe {
  stop(): Promise<number[]>;
}

async function visibleProbes(queryPort: number, gameId: string): Promise<number | undefined> {
  const url = `http://127.0.0.1:${queryPort}/v1/kpis/events_by_type?game=${gameId}&granularity=all&from=0&to=${Date.now() + 86_400_000}`;
  try {
    const res = await fetch(url);
    if (!res.ok) return undefined;
    const body = (await res.json()) as { rows: Array<{ event_type: string; events: number }> };
    return body.rows.filter((r) => r.event_type === 'design').reduce((n, r) => n + Number(r.events), 0);
  } catch {
    return undefined;
  }
}

export function startProbe(opts: {
  collectorHttpPort: number;
  queryPort: number;
  gameKey: string;
  gameId: string;
  everyMs: number;
  pollMs: number;
}): Probe {
  const client = createNodeGamepulse({
    gameKey: opts.gameKey,
    gameId: opts.gameId,
    endpoint: `http://127.0.0.1:${opts.collectorHttpPort}`,
    installId: `probe-${Date.now()}`,
    flushIntervalMs: 25,
    maxBatchEvents: 10,
  });
  const trackedAt: number[] = [];
  const latencies: number[] = [];
  let seen = 0;
  const tracker = setInterval(() => {
    trackedAt.push(Date.now());
    client.design('bench:probe', 1);
  }, opts.everyMs);
  let polling = true;
  const poller = (async () => {
    while (polling || seen < trackedAt.length) {
      const visible = await visibleProbes(opts.queryPort, opts.gameId);
      const now = Date.now();
      if (visible !== undefined && visible > seen) {
        for (let i = seen; i < Math.min(visible, trackedAt.length); i++) latencies.push(now - trackedAt[i]!);
        seen = visible;
      }
      if (!polling && now - (trackedAt.at(-1) ?? now) > 30_000) break;
      await new Promise((r) => setTimeout(r, opts.pollMs));
    }
  })();
  return {
    async stop() {
      clearInterval(tracker);
      await client.flush();
      polling = false;
      await poller;
      await client.shutdown();
      return latencies;
    },
  };
}
