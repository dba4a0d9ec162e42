/** Cluster mode: one primary owning the log, N workers serving the transports over IPC. */
export { runPrimary, workerCount, WORKER_ENV } from './cluster-main.ts';
export { runWorker } from './cluster-worker.ts';
