/**
 * int64 fields as JS numbers: @gamepulse/proto decodes every 64-bit field to a number
 * (0 when absent), and a hand-built IngestedBatchData may leave one out (undefined or
 * null), which reads as 0 here. Every int64 the processor reads goes through here.
 */
export function int64(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
