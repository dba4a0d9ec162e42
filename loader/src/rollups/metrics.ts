/** Prometheus metrics of the rollups loader (`gamepulse_loader_*`). */
import { positionGapCounter, type PositionGap } from '@gamepulse/log';
import { Counter, Gauge, type Registry } from '@gamepulse/service';

export interface LoaderMetrics {
  /** Rollup rows + player windows + step facts committed to the store. */
  rows: Counter<string>;
  /** Store commits (one per batch) by result. */
  commits: Counter<'result'>;
  deadLetters: Counter<string>;
  /** Per partition: records (and markers) behind the end of the rollups topic. */
  lagRecords: Gauge<'partition'>;
  /** Counts a stored position found below the log start (gamepulse_log_position_gaps_total). */
  positionGaps: (gap: PositionGap) => void;
}

export function loaderMetrics(registry: Registry): LoaderMetrics {
  const registers = [registry];
  return {
    rows: new Counter({
      name: 'gamepulse_loader_rows_total',
      help: 'Rollup rows, player windows and step facts loaded into the store',
      registers,
    }),
    commits: new Counter({
      name: 'gamepulse_loader_commits_total',
      help: 'Store commits by the loader, by result',
      labelNames: ['result'],
      registers,
    }),
    deadLetters: new Counter({
      name: 'gamepulse_loader_dead_letters_total',
      help: 'Undecodable rollups-topic records dead-lettered',
      registers,
    }),
    lagRecords: new Gauge({
      name: 'gamepulse_loader_lag_records',
      help: 'Offsets behind the end of each rollups partition',
      labelNames: ['partition'],
      registers,
    }),
    positionGaps: positionGapCounter(registry),
  };
}
