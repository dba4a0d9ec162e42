/**
 * /metrics in cluster mode: any worker may receive the scrape (they share the port), so
 * the worker asks the primary, which collects every worker's registry as JSON and sums
 * them (prom-client's AggregatorRegistry: counters and histograms add up, gauges too).
 * A scrape therefore always sees the whole process group.
 */
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { IpcChannel } from './ipc-log.ts';

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

interface MetricsMessage {
  gp: 'metrics-request' | 'metrics-reply' | 'metrics-collect' | 'metrics-collected';
  id: number;
  text?: string;
  json?: MetricsJson;
}

function isMetrics(m: unknown): m is MetricsMessage {
  return (
    typeof m === 'object' && m !== null && typeof (m as { gp?: unknown }).gp === 'string' && (m as { gp: string }).gp.startsWith('metrics-')
  );
}

const COLLECT_TIMEOUT_MS = 2_000;

/** The source handed to the ops routes in a worker: `metrics()` asks the primary. */
export function clusterMetricsSource(channel: IpcChannel, own: Registry): { metrics(): Promise<string>; contentType: string } {
  let nextId = 1;
  const waiting = new Map<number, (text: string) => void>();
  channel.on('message', (m: unknown) => {
    if (!isMetrics(m)) return;
    if (m.gp === 'metrics-collect') {
      void own.getMetricsAsJSON().then((json) => channel.send({ gp: 'metrics-collected', id: m.id, json }));
    } else if (m.gp === 'metrics-reply') {
      waiting.get(m.id)?.(m.text ?? '');
      waiting.delete(m.id);
    }
  });
  return {
    contentType: own.contentType,
    metrics: () =>
      new Promise<string>((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          // The primary did not answer: this worker's own numbers beat nothing.
          waiting.delete(id);
          void own.metrics().then(resolve);
        }, COLLECT_TIMEOUT_MS);
        waiting.set(id, (text) => {
          clearTimeout(timer);
          resolve(text);
        });
        channel.send({ gp: 'metrics-request', id });
      }),
  };
}

/** Primary side: answers a worker's request with the sum over all workers (and the primary). */
export function serveClusterMetrics(workers: () => IpcChannel[], primary: Registry): (from: IpcChannel) => (m: unknown) => void {
  let nextId = 1;
  const collecting = new Map<number, { need: number; got: MetricsJson[]; done: () => void }>();
  const onCollected = (m: MetricsMessage) => {
    const c = collecting.get(m.id);
    if (!c || !m.json) return;
    c.got.push(m.json);
    if (c.got.length >= c.need) c.done();
  };
  return (from) => (m: unknown) => {
    if (!isMetrics(m)) return;
    if (m.gp === 'metrics-collected') return onCollected(m);
    if (m.gp !== 'metrics-request') return;
    const all = workers();
    const id = nextId++;
    const entry = { need: all.length, got: [] as MetricsJson[], done: () => undefined as void };
    const finished = new Promise<void>((resolve) => {
      entry.done = resolve;
      setTimeout(resolve, COLLECT_TIMEOUT_MS).unref();
    });
    collecting.set(id, entry);
    for (const w of all) {
      try {
        w.send({ gp: 'metrics-collect', id });
      } catch {
        entry.need--;
      }
    }
    if (entry.need <= 0) entry.done();
    void finished
      .then(async () => {
        collecting.delete(id);
        const registries = [...entry.got, await primary.getMetricsAsJSON()];
        return AggregatorRegistry.aggregate(registries).metrics();
      })
      .then((text) => from.send({ gp: 'metrics-reply', id: m.id, text }))
      .catch(() => from.send({ gp: 'metrics-reply', id: m.id, text: '' }));
  };
}
