import { describe, expect, it } from 'vitest';
import { createCollectorMetrics } from '@gamepulse/collector';
import { createRegistry } from '@gamepulse/service';
import { parsePromql } from './promql.ts';
import { checkExpression, lookUpSeries, parseExposition } from './scrape-check.ts';

/** A collector registry's exposition after one accepted HTTP batch (prom-client, as /metrics serves it). */
async function collectorScrape() {
  const registry = createRegistry('collector');
  const m = createCollectorMetrics(registry, { inFlightBatches: () => 0 });
  m.requests.inc({ transport: 'http', outcome: 'accepted', code: 'OK' });
  m.ackLatency.observe({ transport: 'http' }, 0.003);
  return parseExposition(await registry.metrics());
}

describe('grafana/src/scrape-check', () => {
  it('reads families, their types and the label names of their samples', async () => {
    const f = await collectorScrape();
    expect(f.get('gamepulse_collector_requests_total')?.type).toBe('counter');
    expect([...f.get('gamepulse_collector_requests_total')!.samples.get('gamepulse_collector_requests_total')!].sort()).toEqual([
      'code',
      'outcome',
      'service',
      'transport',
    ]);
    expect(f.get('gamepulse_collector_ack_latency_seconds')?.type).toBe('histogram');
    expect(f.get('process_start_time_seconds')?.type).toBe('gauge');
    expect(() => parseExposition('x{a="1"} 1\n')).toThrow('sample without # TYPE');
    expect(() => parseExposition('# TYPE x gauge\nx{ 1\n')).toThrow('unreadable');
  });

  it('finds histogram series by their suffixes, and tells exported-without-sample from absent', async () => {
    const f = await collectorScrape();
    expect(lookUpSeries(f, 'gamepulse_collector_ack_latency_seconds_bucket')).toMatchObject({ found: 'samples' });
    expect(lookUpSeries(f, 'gamepulse_collector_ack_latency_seconds_count')).toMatchObject({ found: 'samples' });
    expect(lookUpSeries(f, 'gamepulse_collector_ack_latency_seconds')).toEqual({ found: 'histogram-base' });
    expect(lookUpSeries(f, 'gamepulse_collector_events_rejected_total')).toEqual({ found: 'declared' });
    expect(lookUpSeries(f, 'gamepulse_collector_request_total')).toEqual({ found: 'no' });
    expect(lookUpSeries(f, 'gamepulse_collector_inflight_batches_count')).toEqual({ found: 'no' });
  });

  it('accepts an expression the scrape has, and names what is wrong otherwise', async () => {
    const f = await collectorScrape();
    const check = (expr: string, declaredOnly?: Set<string>) => checkExpression('x', parsePromql(expr), f, { declaredOnly });
    expect(
      check(
        'histogram_quantile(0.99, sum by (le, transport) (rate(gamepulse_collector_ack_latency_seconds_bucket{job=~"$job", instance=~"$instance"}[5m])))',
      ),
    ).toEqual([]);
    expect(check('sum by (code) (rate(gamepulse_collector_requests_total{outcome="refused", service="collector"}[5m]))')).toEqual([]);
    expect(check('rate(gamepulse_collector_request_total[5m])')).toEqual(['x: gamepulse_collector_request_total is not in the scrape']);
    expect(check('gamepulse_processor_lag_records')).toEqual(['x: gamepulse_processor_lag_records is not in the scrape']);
    expect(check('gamepulse_collector_ack_latency_seconds')).toEqual([
      'x: gamepulse_collector_ack_latency_seconds is a histogram: name its _bucket, _sum or _count',
    ]);
    expect(check('gamepulse_collector_requests_total{reason="a"}')).toEqual(['x: gamepulse_collector_requests_total has no label reason']);
    expect(check('sum by (kpi) (gamepulse_collector_requests_total)')).toEqual(['x: by (kpi): no series of the expression has kpi']);
    expect(check('gamepulse_collector_events_rejected_total')).toEqual([
      'x: gamepulse_collector_events_rejected_total is exported but has no sample',
    ]);
    expect(check('gamepulse_collector_events_rejected_total', new Set(['gamepulse_collector_events_rejected_total']))).toEqual([]);
    // Its labels are unknown until the first increment: a grouping on them is not judged.
    expect(
      check('sum by (code) (rate(gamepulse_collector_events_rejected_total[5m]))', new Set(['gamepulse_collector_events_rejected_total'])),
    ).toEqual([]);
  });
});
