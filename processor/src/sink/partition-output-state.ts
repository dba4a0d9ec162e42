/**
 * The lifecycle of one input partition's output in Kafka mode, as a table of guarded
 * transitions (like the commit cycle, commit-cycle.ts, and the producer's own table,
 * @gamepulse/log kafka/transaction-state.ts). It is the processor-side half of
 * KIP-98's consume-transform-produce loop:
 *
 *   fencing ──fenced_older──▶ restoring ──restored──▶ owned ──begin──▶ committing ──committed──▶ owned
 *      │                          │                    │                 │ fenced        │ failed
 *      └──failed──▶ broken ◀──failed┘                   │                 ▼               ▼
 *                     │                                 │               lost           broken
 *                     └──────────release──▶ released ◀──┴──release──────┘ (both)
 *
 *  - fencing: creating the partition's transactional producer (stable id), which fences
 *    every older producer with that id and settles its open transaction;
 *  - restoring: reading the committed offset and the changelog partition to the end;
 *  - committing: one transaction open (rows + changelog + dead letters + offset);
 *  - lost: another instance owns the id now (FENCED) — never write again;
 *  - broken: the transaction aborted or its outcome is unknown — the partition must be
 *    assigned afresh (new producer, reload), never committed on.
 */
import { ProcessorError } from '../codes.ts';

export type OutputState = 'fencing' | 'restoring' | 'owned' | 'committing' | 'lost' | 'broken' | 'released';
export type OutputEvent = 'fenced_older' | 'restored' | 'begin' | 'committed' | 'fenced' | 'failed' | 'release';

export const OUTPUT_TRANSITIONS: Readonly<Record<OutputState, Readonly<Partial<Record<OutputEvent, OutputState>>>>> = {
  fencing: { fenced_older: 'restoring', failed: 'broken', release: 'released' },
  restoring: { restored: 'owned', failed: 'broken', release: 'released' },
  owned: { begin: 'committing', release: 'released' },
  committing: { committed: 'owned', fenced: 'lost', failed: 'broken' },
  lost: { release: 'released' },
  broken: { release: 'released' },
  released: {},
};

export class OutputStateMachine {
  private current: OutputState = 'fencing';

  constructor(
    readonly partition: number,
    private readonly onTransition?: (partition: number, from: OutputState, event: OutputEvent, to: OutputState) => void,
  ) {}

  get state(): OutputState {
    return this.current;
  }

  can(event: OutputEvent): boolean {
    return OUTPUT_TRANSITIONS[this.current][event] !== undefined;
  }

  fire(event: OutputEvent): OutputState {
    const next = OUTPUT_TRANSITIONS[this.current][event];
    if (next === undefined)
      throw new ProcessorError('GP_PROCESSOR_ILLEGAL_TRANSITION', `partition ${this.partition} output: ${event} in state ${this.current}`);
    const from = this.current;
    this.current = next;
    this.onTransition?.(this.partition, from, event, next);
    return next;
  }
}
