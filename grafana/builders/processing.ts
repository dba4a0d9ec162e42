/** "gamepulse / Processing": processor lag, commits and dedup; the rollups loader; the store's commits. */
import { FILTER, type DashboardSpec } from './panels.ts';

const R = '[$__rate_interval]';

export const PROCESSING: DashboardSpec = {
  uid: 'gamepulse-processing',
  title: 'gamepulse / Processing',
  description:
    'Processors (lag, commits per second, commit duration and failures, dedup) and the rollups loader (throughput, lag, commits).',
  file: 'processing.json',
  rows: [
    {
      title: 'Processor',
      panels: [
        {
          kind: 'timeseries',
          title: 'Processor lag',
          description:
            'Records behind the end of the events topic, per processor (alert GamepulseProcessorLagGrowing: over 10,000 and growing).',
          about: 'processor',
          unit: 'short',
          targets: [{ expr: `sum by (instance) (gamepulse_processor_lag_records{${FILTER}})`, legend: '{{instance}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Events folded and committed',
          description: 'Events folded into rollups and events whose rollups are committed, per second.',
          about: 'processor',
          unit: 'eps',
          targets: [
            { expr: `sum(rate(gamepulse_processor_events_total{${FILTER}}${R}))`, legend: 'folded' },
            { expr: `sum(rate(gamepulse_processor_events_committed_total{${FILTER}}${R}))`, legend: 'committed' },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Commits by result',
          description: 'Sink commits per second (one transaction: rollups, state and input offsets), ok and failed.',
          about: 'processor',
          unit: 'ops',
          targets: [{ expr: `sum by (result) (rate(gamepulse_processor_commits_total{${FILTER}}${R}))`, legend: '{{result}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Commit duration',
          description: 'Duration of one sink commit, p50 and p99.',
          about: 'processor',
          unit: 's',
          targets: [
            {
              expr: `histogram_quantile(0.5, sum by (le) (rate(gamepulse_processor_commit_seconds_bucket{${FILTER}}${R})))`,
              legend: 'p50',
            },
            {
              expr: `histogram_quantile(0.99, sum by (le) (rate(gamepulse_processor_commit_seconds_bucket{${FILTER}}${R})))`,
              legend: 'p99',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Commit failures and recoveries (15 min)',
          description: 'Failed commits and checkpoint recoveries by result in the last 15 minutes (alerts at 3 or more).',
          about: 'processor',
          unit: 'short',
          targets: [
            {
              expr: `sum by (instance) (increase(gamepulse_processor_commits_total{${FILTER}, result="failed"}[15m]))`,
              legend: 'failed commits {{instance}}',
            },
            {
              expr: `sum by (instance, result) (increase(gamepulse_processor_recoveries_total{${FILTER}}[15m]))`,
              legend: 'recoveries {{result}} {{instance}}',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Rows per commit',
          description: 'Mean rollup rows plus player windows per commit.',
          about: 'processor',
          unit: 'short',
          targets: [
            {
              expr:
                `sum(rate(gamepulse_processor_commit_rows_sum{${FILTER}}${R}))` +
                ` / sum(rate(gamepulse_processor_commit_rows_count{${FILTER}}${R}))`,
              legend: 'rows/commit',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Batches by dedup verdict',
          description:
            'Input batches per second: new and collision are folded, duplicate and split_duplicate dropped, too_old dead-lettered.',
          about: 'processor',
          unit: 'ops',
          stacked: true,
          targets: [{ expr: `sum by (verdict) (rate(gamepulse_processor_batches_total{${FILTER}}${R}))`, legend: '{{verdict}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Late, clamped and poison',
          description: 'Events behind the watermark, events clamped from the future, and records dead-lettered as poison, per second.',
          about: 'processor',
          unit: 'ops',
          targets: [
            { expr: `sum(rate(gamepulse_processor_late_events_total{${FILTER}}${R}))`, legend: 'late events' },
            { expr: `sum(rate(gamepulse_processor_future_clamped_total{${FILTER}}${R}))`, legend: 'future clamped' },
            { expr: `sum by (code) (rate(gamepulse_processor_poison_records_total{${FILTER}}${R}))`, legend: 'poison {{code}}' },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Commit cycle state',
          description: 'Processors in each commit cycle state (stuck in failed or recovering: see the commit failures).',
          about: 'processor',
          unit: 'short',
          stacked: true,
          targets: [{ expr: `sum by (state) (gamepulse_processor_cycle_state{${FILTER}})`, legend: '{{state}}' }],
        },
      ],
    },
    {
      title: 'Loader and store',
      panels: [
        {
          kind: 'timeseries',
          title: 'Loader throughput',
          description: 'Rollup rows, player windows and step facts loaded into the store per second (--kafka: rollups topic → store).',
          about: 'loader',
          unit: 'rowsps',
          targets: [{ expr: `sum by (instance) (rate(gamepulse_loader_rows_total{${FILTER}}${R}))`, legend: '{{instance}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Loader lag',
          description: 'Offsets behind the end of the rollups topic (alert GamepulseLoaderLagGrowing: over 200,000 and growing).',
          about: 'loader',
          unit: 'short',
          targets: [{ expr: `sum by (instance) (gamepulse_loader_lag_records{${FILTER}})`, legend: '{{instance}}' }],
        },
        {
          kind: 'timeseries',
          title: 'Loader commits by result',
          description: 'Store commits by the loader per second, and dead-lettered rollups records.',
          about: 'loader',
          unit: 'ops',
          targets: [
            { expr: `sum by (result) (rate(gamepulse_loader_commits_total{${FILTER}}${R}))`, legend: '{{result}}' },
            { expr: `sum(rate(gamepulse_loader_dead_letters_total{${FILTER}}${R}))`, legend: 'dead letters' },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Store commit duration p99',
          description: 'Time to write one RollupCommit (one transaction) in the store, by engine.',
          about: 'store',
          unit: 's',
          targets: [
            {
              expr: `histogram_quantile(0.99, sum by (le, engine) (rate(gamepulse_store_commit_seconds_bucket{${FILTER}}${R})))`,
              legend: '{{engine}}',
            },
          ],
        },
        {
          kind: 'timeseries',
          title: 'Store rows committed by table',
          description: 'Rows written by successful store commits per second, and rolled-back commits by code.',
          about: 'store',
          unit: 'rowsps',
          targets: [
            { expr: `sum by (table) (rate(gamepulse_store_committed_rows_total{${FILTER}}${R}))`, legend: '{{table}}' },
            { expr: `sum by (code) (rate(gamepulse_store_commit_failures_total{${FILTER}}${R}))`, legend: 'failed {{code}}' },
          ],
        },
      ],
    },
  ],
};
