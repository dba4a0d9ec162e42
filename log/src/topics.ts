/**
 * The topics of a gamepulse deployment. Names are configurable (a prefix per
 * environment), partition counts too; these are the defaults.
 */
export interface TopicNames {
  /** Accepted, enriched batches from the collector (value: IngestedBatch). */
  events: string;
  /** Rejected events and poison records, with reasons (value: DeadLetter). */
  deadLetter: string;
  /** Additive rollup rows and player windows from the processor (Druid ingests this). */
  rollups: string;
  /** Player deletion requests (privacy), compacted by player. */
  deletions: string;
}

export function topicNames(prefix = 'gamepulse'): TopicNames {
  return {
    events: `${prefix}.events.v1`,
    deadLetter: `${prefix}.dead-letter.v1`,
    rollups: `${prefix}.rollups.v1`,
    deletions: `${prefix}.deletions.v1`,
  };
}

/** Default partition counts: events scale with processors; the rest are small. */
export const DEFAULT_PARTITIONS = { events: 4, deadLetter: 1, rollups: 2, deletions: 1 } as const;
