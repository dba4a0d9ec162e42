/**
 * Loss accounting: the events an SDK reports it dropped since its previous batch
 * (IngestedBatch.sdk_health, checked by the collector and again here with the same
 * rule, proto/src/sdk-health.ts) become rollup rows of event_type `sdk_dropped`, the
 * reason code in `action`, the count in `events`, with the batch's dimensions and no
 * variant. They are folded with the batch they came with, so dedup and the exactly-once
 * commit cover them like the events (a re-sent batch's drops are dropped with it).
 *
 * Window: the batch's newest event time — the drops happened while the SDK tracked
 * this batch's events, so a delivery share over a range of windows compares like with
 * like; a batch without accepted events uses its receive time. `queued` (a gauge per
 * install) is not stored: processor/README.md, "Loss accounting".
 */
import { SDK_DROPPED_EVENT_TYPE, checkSdkHealth, type IngestedBatchData } from '@gamepulse/proto';
import type { RollupAccumulator } from './accumulator.ts';
import type { Dims } from './dims.ts';
import { emptyRollupFields } from './rollup-fields.ts';

/** Folds the batch's reported drops into `windowStartMs`; returns the dropped events folded. */
export function foldSdkDrops(batch: IngestedBatchData, acc: RollupAccumulator, dims: Dims, windowStartMs: number): number {
  if (!batch.sdkHealth) return 0;
  const { droppedByReason } = checkSdkHealth(batch.sdkHealth);
  let total = 0;
  for (const [reason, n] of Object.entries(droppedByReason)) {
    const fields = emptyRollupFields();
    fields.eventType = SDK_DROPPED_EVENT_TYPE;
    fields.action = reason;
    acc.addDropped(windowStartMs, dims, fields, n);
    total += n;
  }
  return total;
}
