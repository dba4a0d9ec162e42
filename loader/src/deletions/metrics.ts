/** Prometheus metrics of a deletions consumer (`gamepulse_deletions_*`). */
import { positionGapCounter, type PositionGap } from '@gamepulse/log';
import { Counter, registerOnce as once, type Registry } from '@gamepulse/service';

export interface DeletionsMetrics {
  /** Deletion requests by result: applied (rows and state erased, audited) or dead_letter (undecodable). */
  requests: Counter<'result'>;
  /** player_windows rows deleted by applied requests. */
  erasedRows: Counter<string>;
  /** Store transactions of the consumer by result. */
  commits: Counter<'result'>;
  /** Counts a stored position found below the log start (gamepulse_log_position_gaps_total). */
  positionGaps: (gap: PositionGap) => void;
}

export function deletionsMetrics(registry: Registry): DeletionsMetrics {
  const registers = [registry];
  return {
    requests: once(
      registry,
      'gamepulse_deletions_requests_total',
      () =>
        new Counter({
          name: 'gamepulse_deletions_requests_total',
          help: 'Player deletion requests handled, by result (applied | dead_letter)',
          labelNames: ['result'],
          registers,
        }),
    ),
    erasedRows: once(
      registry,
      'gamepulse_deletions_erased_rows_total',
      () =>
        new Counter({ name: 'gamepulse_deletions_erased_rows_total', help: 'player_windows rows deleted by deletion requests', registers }),
    ),
    commits: once(
      registry,
      'gamepulse_deletions_commits_total',
      () =>
        new Counter({
          name: 'gamepulse_deletions_commits_total',
          help: 'Store transactions of the deletions consumer, by result',
          labelNames: ['result'],
          registers,
        }),
    ),
    positionGaps: positionGapCounter(registry),
  };
}
