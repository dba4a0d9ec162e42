/** "gamepulse / Query & alerts": the KPI query API and the alert engine. */
import { FILTER, type DashboardSpec } from './panels.ts';

const R = '[$__rate_interval]';

export const QUERY_ALERTS: DashboardSpec = {
  uid: 'gamepulse-query-alerts',
  title: 'gamepulse / Query & alerts',
  description:
    'The query API (latency per KPI, errors by code, store query time) and the alert engine (cycles, evaluation time, alerts by rule and state, deliveries).',
  file: 'query-alerts.json',
  rows: [
    {
      title: 'Query API',
      panels: [
        {
          kind: 'timeseries',
          title: 'KPI latency p99 by KPI',
          description: 'Time to answer one KPI request, 99th percentile per KPI.',
          about: 'query',
          unit: 's',
          targets: [
            {
              expr: `histogram_quantile(0.99, sum by (le, kpi) (rate(gamepulse_query_kpi_seconds_bucket{${FILTER}}${R})))`,
              legend: '{{kpi}}',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'KPI latency p50 by KPI',
          description: 'Time to answer one KPI request, median per KPI.',
          about: 'query',
          unit: 's',
          targets: [
            {
              expr: `histogram_quantile(0.5, sum by (le, kpi) (rate(gamepulse_query_kpi_seconds_bucket{${FILTER}}${R})))`,
              legend: '{{kpi}}',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'KPI requests',
          description: 'KPI requests answered per second, per KPI.',
          about: 'query',
          unit: 'reqps',
          stacked: true,
          targets: [{ expr: `sum by (kpi) (rate(gamepulse_query_kpi_seconds_count{${FILTER}}${R}))`, legend: '{{kpi}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Errors by code',
          description: 'Query API error responses per second, by error code (api/README.md).',
          about: 'query',
          unit: 'reqps',
          targets: [{ expr: `sum by (code) (rate(gamepulse_query_errors_total{${FILTER}}${R}))`, legend: '{{code}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Live consoles and pushes',
          description: 'Consoles connected to the live-changes stream (/v1/changes), and change events pushed to them per second.',
          about: 'query',
          unit: 'short',
          targets: [
            { expr: `sum by (instance) (gamepulse_query_live_clients{${FILTER}})`, legend: 'consoles {{instance}}' },
            { expr: `sum by (instance) (rate(gamepulse_query_live_pushes_total{${FILTER}}${R}))`, legend: 'pushes/s {{instance}}' },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Store query time p99',
          description: 'Time to run one SQL query in the store, by engine: what the KPI latency is made of.',
          about: 'store',
          unit: 's',
          targets: [
            {
              expr: `histogram_quantile(0.99, sum by (le, engine) (rate(gamepulse_store_query_seconds_bucket{${FILTER}}${R})))`,
              legend: '{{engine}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Alert engine',
      panels: [
        {
          kind: 'stat',
          title: 'Alerts firing',
          description: 'Alert instances firing now, all rules.',
          about: 'alerts',
          unit: 'short',
          targets: [{ expr: `sum(gamepulse_alerts{${FILTER}, state="firing"}) or vector(0)`, legend: 'firing' }],
        },
        {
          kind: 'stat',
          title: 'Alerts pending',
          description: 'Alert instances breaching but not yet firing (within their rule’s `for`).',
          about: 'alerts',
          unit: 'short',
          targets: [{ expr: `sum(gamepulse_alerts{${FILTER}, state="pending"}) or vector(0)`, legend: 'pending' }],
        },
        {
          kind: 'stat',
          title: 'Cycle time p99',
          description: 'Time to evaluate the rules due in one cycle, 99th percentile.',
          about: 'alerts',
          unit: 's',
          targets: [
            { expr: `histogram_quantile(0.99, sum by (le) (rate(gamepulse_alerts_cycle_seconds_bucket{${FILTER}}${R})))`, legend: 'p99' },
          ],
        },
        {
          kind: 'stat',
          title: 'Delivery failures',
          description: 'Share of deliveries to alert targets that failed.',
          about: 'alerts',
          unit: 'percentunit',
          targets: [
            {
              expr:
                `(sum(rate(gamepulse_alerts_notifications_total{${FILTER}, result="failed"}${R})) or vector(0))` +
                ` / sum(rate(gamepulse_alerts_notifications_total{${FILTER}}${R}))`,
              legend: 'failed',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Alerts by rule and state',
          description: 'Alert instances pending or firing, by rule (alertname) and state.',
          about: 'alerts',
          unit: 'short',
          targets: [{ expr: `sum by (alertname, state) (gamepulse_alerts{${FILTER}})`, legend: '{{alertname}} {{state}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Engine cycles',
          description: 'Evaluation cycles per second, per process running the engine.',
          about: 'alerts',
          unit: 'ops',
          targets: [{ expr: `sum by (instance) (rate(gamepulse_alerts_cycle_seconds_count{${FILTER}}${R}))`, legend: '{{instance}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Evaluation time',
          description: 'Time to evaluate the rules due in one cycle: p50, p99 and mean.',
          about: 'alerts',
          unit: 's',
          targets: [
            { expr: `histogram_quantile(0.5, sum by (le) (rate(gamepulse_alerts_cycle_seconds_bucket{${FILTER}}${R})))`, legend: 'p50' },
            { expr: `histogram_quantile(0.99, sum by (le) (rate(gamepulse_alerts_cycle_seconds_bucket{${FILTER}}${R})))`, legend: 'p99' },
            {
              expr:
                `sum(rate(gamepulse_alerts_cycle_seconds_sum{${FILTER}}${R}))` +
                ` / sum(rate(gamepulse_alerts_cycle_seconds_count{${FILTER}}${R}))`,
              legend: 'mean',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Rule evaluations by result',
          description: 'Rule evaluations per second, ok and failed; a failed rule keeps its alerts’ state.',
          about: 'alerts',
          unit: 'ops',
          targets: [
            { expr: `sum by (result) (rate(gamepulse_alerts_rule_evaluations_total{${FILTER}}${R}))`, legend: '{{result}}' },
            {
              expr: `sum by (rule) (rate(gamepulse_alerts_rule_evaluations_total{${FILTER}, result="failed"}${R}))`,
              legend: 'failed {{rule}}',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Deliveries by target and result',
          description: 'Deliveries to alert targets (Alertmanager, webhook) per second: ok, failed, rejected.',
          about: 'alerts',
          unit: 'ops',
          targets: [
            { expr: `sum by (sink, result) (rate(gamepulse_alerts_notifications_total{${FILTER}}${R}))`, legend: '{{sink}} {{result}}' },
          ],
        },
      ],
    },
  ],
};
