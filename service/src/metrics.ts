/**
 * Prometheus metrics: one registry per service process, with Node's default metrics
 * (event loop lag, heap, GC) and a `gamepulse_` prefix on ours.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export { Counter, Gauge, Histogram, Registry };

export function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Latency buckets in seconds from 0.5 ms to 10 s: ack latency, append latency, commit time. */
export const LATENCY_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The metric named `name` in `registry`, created by `create` the first time. A registry
 * may be shared by several components of one kind in one process (tests, the all-in-one
 * start script), and prom-client refuses a second metric of the same name.
 */
export function registerOnce<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}
