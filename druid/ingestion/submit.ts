/**
 * Submits (or updates) the rollups topic's Kafka supervisors, idempotently:
 *
 *   npx tsx druid/ingestion/submit.ts [--overlord http://127.0.0.1:18081] [--brokers 127.0.0.1:9092]
 *        [--topic gamepulse.rollups.v1] [--task-duration PT1M] [--completion-timeout PT5M] [--dry-run]
 *
 * For each spec: GET the running supervisor; if it holds every value our spec sets,
 * nothing is sent ("unchanged"); otherwise POST it (Druid replaces the spec and
 * restarts the supervisor's tasks gracefully) and print which values changed.
 * Environment: GAMEPULSE_DRUID_OVERLORD, GAMEPULSE_KAFKA_BROKERS, GAMEPULSE_TOPIC_PREFIX,
 * GAMEPULSE_DRUID_TASK_DURATION, GAMEPULSE_DRUID_COMPLETION_TIMEOUT.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { specChanges } from './spec-diff.ts';
import { supervisorSpecs, type DatasourceRole, type IngestionOptions } from './specs.ts';

export interface SubmitOptions extends IngestionOptions {
  /** Coordinator-overlord base URL. @default GAMEPULSE_DRUID_OVERLORD or http://127.0.0.1:18081 */
  overlordUrl?: string;
  /** Compute and print the changes without sending anything. @default false */
  dryRun?: boolean;
  /** @default console.log */
  log?: (line: string) => void;
}

export interface SubmitResult {
  role: DatasourceRole;
  id: string;
  action: 'created' | 'updated' | 'unchanged';
  changes: string[];
}

const TIMEOUT_MS = 30_000;

async function druidJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Druid answers some errors as plain text; keep it as is.
  }
  return { status: res.status, body };
}

export function overlordUrlOf(options: { overlordUrl?: string }): string {
  return (options.overlordUrl ?? process.env.GAMEPULSE_DRUID_OVERLORD ?? 'http://127.0.0.1:18081').replace(/\/$/, '');
}

export async function submitSupervisors(options: SubmitOptions = {}): Promise<SubmitResult[]> {
  const base = `${overlordUrlOf(options)}/druid/indexer/v1/supervisor`;
  const log = options.log ?? ((l: string) => console.log(l));
  const results: SubmitResult[] = [];
  for (const { role, spec } of supervisorSpecs(options)) {
    const id = spec.spec.dataSchema.dataSource;
    const current = await druidJson(`${base}/${encodeURIComponent(id)}`);
    let action: SubmitResult['action'];
    let changes: string[];
    if (current.status === 404) {
      action = 'created';
      changes = [];
    } else if (current.status === 200) {
      changes = specChanges(spec, current.body);
      action = changes.length === 0 ? 'unchanged' : 'updated';
    } else {
      throw new Error(`GET ${base}/${id} → HTTP ${current.status}: ${JSON.stringify(current.body).slice(0, 500)}`);
    }
    if (action !== 'unchanged' && !options.dryRun) {
      const res = await druidJson(base, { method: 'POST', body: JSON.stringify(spec) });
      if (res.status !== 200) throw new Error(`POST ${base} (${id}) → HTTP ${res.status}: ${JSON.stringify(res.body).slice(0, 2000)}`);
    }
    const verb = options.dryRun && action !== 'unchanged' ? `would be ${action}` : action;
    log(`[ingestion] ${id}: ${verb}${changes.length ? ` (${changes.length} change${changes.length > 1 ? 's' : ''})` : ''}`);
    for (const c of changes) log(`[ingestion]   ${c}`);
    results.push({ role, id, action, changes });
  }
  return results;
}

/**
 * Stops supervisors (published segments stay queryable). Terminating lets the reading
 * tasks publish what they hold, which waits for handoff; `killTasks` shuts every task
 * of those datasources down at once instead — for disposable test datasources, whose
 * tasks would otherwise hold indexer slots (and come back after a restart, from the
 * metadata store) until their completionTimeout. Unknown ids are skipped.
 */
export async function terminateSupervisors(ids: string[], options: { overlordUrl?: string; killTasks?: boolean } = {}): Promise<void> {
  const overlord = `${overlordUrlOf(options)}/druid/indexer/v1`;
  for (const id of ids) {
    const res = await druidJson(`${overlord}/supervisor/${encodeURIComponent(id)}/terminate`, { method: 'POST' });
    if (res.status !== 200 && res.status !== 404)
      throw new Error(`terminate ${id} → HTTP ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
  }
  if (!options.killTasks) return;
  for (const state of ['running', 'pending', 'waiting']) {
    const list = await druidJson(`${overlord}/tasks?state=${state}`);
    const tasks = Array.isArray(list.body) ? (list.body as Array<{ id: string; dataSource?: string }>) : [];
    for (const t of tasks.filter((x) => x.dataSource !== undefined && ids.includes(x.dataSource))) {
      await druidJson(`${overlord}/task/${encodeURIComponent(t.id)}/shutdown`, { method: 'POST' });
    }
  }
}

/**
 * Ends disposable datasources (a test's or a bench run's): their supervisors terminated
 * with every task killed, then their segments marked unused, so a reused cluster stops
 * serving them. Best effort, for teardown: a step that fails is skipped, never thrown.
 */
export async function retireDatasources(ids: string[], options: { overlordUrl: string; coordinatorUrl: string }): Promise<void> {
  await terminateSupervisors(ids, { overlordUrl: options.overlordUrl, killTasks: true }).catch(() => undefined);
  for (const ds of ids)
    await fetch(`${options.coordinatorUrl}/druid/coordinator/v1/datasources/${encodeURIComponent(ds)}`, { method: 'DELETE' }).catch(
      () => undefined,
    );
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      overlord: { type: 'string' },
      brokers: { type: 'string' },
      topic: { type: 'string' },
      'task-duration': { type: 'string' },
      'completion-timeout': { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  await submitSupervisors({
    ...(values.overlord ? { overlordUrl: values.overlord } : {}),
    ...(values.brokers ? { bootstrapServers: values.brokers } : {}),
    ...(values.topic ? { topic: values.topic } : {}),
    ...(values['task-duration'] ? { taskDuration: values['task-duration'] } : {}),
    ...(values['completion-timeout'] ? { completionTimeout: values['completion-timeout'] } : {}),
    dryRun: !!values['dry-run'],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
