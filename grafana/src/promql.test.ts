import { describe, expect, it } from 'vitest';
import { parseLabelValuesQuery, parsePromql, PromqlSyntaxError, referencedVariables } from './promql.ts';

describe('grafana/src/promql', () => {
  it('finds the selectors, functions and groupings of a histogram quantile', () => {
    const p = parsePromql(
      'histogram_quantile(0.99, sum by (le, transport) (rate(gamepulse_collector_ack_latency_seconds_bucket{job=~"$job", instance=~"$instance"}[$__rate_interval])))',
    );
    expect(p.functions).toEqual(['histogram_quantile', 'sum', 'rate']);
    expect(p.groupings).toEqual([{ kind: 'by', labels: ['le', 'transport'], aggregation: 'sum' }]);
    expect(p.selectors).toEqual([
      {
        metric: 'gamepulse_collector_ack_latency_seconds_bucket',
        matchers: [
          { label: 'job', op: '=~', value: '$job' },
          { label: 'instance', op: '=~', value: '$instance' },
        ],
        range: '$__rate_interval',
        inFunction: 'rate',
      },
    ]);
  });

  it('reads binary operators, vector matching, offsets, subqueries, `or vector(0)` and a trailing `by`', () => {
    const p = parsePromql(
      '(sum(rate(a_total{x="1"}[5m])) or vector(0)) / on (job) group_left (code) sum(b) without (y) > bool 0.5' +
        ' unless max_over_time(c[1h:1m]) offset 5m and count(d{e!~"f|g"}) by (h) - -1e3',
    );
    expect(p.selectors.map((s) => [s.metric, s.range, s.inFunction])).toEqual([
      ['a_total', '5m', 'rate'],
      ['b', undefined, 'sum'],
      ['c', undefined, 'max_over_time'],
      ['d', undefined, 'count'],
    ]);
    expect(p.groupings).toEqual([
      { kind: 'on', labels: ['job'], aggregation: undefined },
      { kind: 'group_left', labels: ['code'], aggregation: undefined },
      { kind: 'without', labels: ['y'], aggregation: 'sum' },
      { kind: 'by', labels: ['h'], aggregation: 'count' },
    ]);
    expect(p.selectors[3]!.matchers).toEqual([{ label: 'e', op: '!~', value: 'f|g' }]);
  });

  it.each([
    ['', 'empty expression'],
    ['sum(rate(x[5m])', 'expected ")"'],
    ['rate(x[5])', 'expected a duration'],
    ['rate(x[$__rate_interval)', 'expected "]"'],
    ['histogram_quantil(0.9, x)', 'unknown function histogram_quantil'],
    ['x{job="a" instance="b"}', 'expected "," or "}"'],
    ['x{job=a}', 'expected a quoted label value'],
    ['x{job~"a"}', 'unexpected character "~"'],
    ['x{job="a}', 'unterminated string'],
    ['sum by le (x)', 'expected "("'],
    ['x y', 'unexpected "y"'],
    ['x /', 'unexpected end of expression'],
    ['{}', 'a selector needs a metric name or a matcher'],
  ])('rejects %j (%s)', (expr, message) => {
    expect(() => parsePromql(expr)).toThrow(PromqlSyntaxError);
    expect(() => parsePromql(expr)).toThrow(message);
  });

  it('reads Grafana label_values queries', () => {
    const q = parseLabelValuesQuery('label_values(process_start_time_seconds{job=~"$job"}, instance)');
    expect(q.label).toBe('instance');
    expect(q.selector.selectors[0]!.metric).toBe('process_start_time_seconds');
    expect(() => parseLabelValuesQuery('label_values(up)')).toThrow(PromqlSyntaxError);
    expect(() => parseLabelValuesQuery('query_result(up)')).toThrow(PromqlSyntaxError);
  });

  it('lists the variables a text references, in each of Grafana’s syntaxes', () => {
    expect(referencedVariables('a{job=~"$job", x="${datasource}", y="${instance:regex}", z="[[old]]"}[$__rate_interval]')).toEqual([
      'job',
      'datasource',
      'instance',
      'old',
      '__rate_interval',
    ]);
  });
});
