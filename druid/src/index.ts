/** @gamepulse/druid — the analytics store: interfaces, engines, KPI library, query API. */
export type { Store, RollupSink, RollupCommit, Checkpoint, Position, StateEntry, Row } from './store.ts';
