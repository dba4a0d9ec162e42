/**
 * @gamepulse/testkit/pipeline — the whole pipeline as real processes (collector,
 * processor(s), loader; real Kafka when asked), and what end-to-end tests compare with
 * the simulator's ledger. Outside src/ and a subpath of its own: it starts processes
 * and drives the repo's own tooling (scripts/start, scripts/engines) by path, as tests do.
 */
export { Pipeline, type LogKind, type PipelineOptions, type PipelinePorts } from './pipeline.ts';
export { metricSum, totalInStore, waitForTotal, expectStoreEqualsLedger, expectAbReadout, type StoreExpectations } from './store-totals.ts';
