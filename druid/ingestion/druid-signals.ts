/**
 * Waiting on Druid by its own signals: the overlord's task status and reports, the
 * coordinator's metadata (which segment versions are used) and load status (what is
 * left to load on the historicals), the supervisors' read position, and the broker's
 * view (`sys.segments`, SQL). Each wait polls until the condition it names holds; its
 * bound is generous and only a real failure reaches it (a task that never ends, a
 * segment never served). What is still outstanding is logged whenever it changes (and
 * every `progressEveryMs` while it does not), and the error at the bound names it, so
 * a slow run says which stage it was in instead of "timed out".
 *
 * Druid 33 behaviour the waits rely on (checked against a running cluster):
 * - `POST …/datasources/{ds}/markUnused` (overlord) updates the coordinator's metadata
 *   view at once: `GET /druid/coordinator/v1/metadata/datasources/{ds}/segments` stops
 *   listing the ids, and `sys.segments` shows them `is_published = 0` right away; the
 *   historical drops them on a later coordinator duty cycle (`druid.coordinator.period`).
 * - After a `kill` task, `GET …/metadata/datasources/{ds}/segments/{id}?includeUnused=true`
 *   answers 404: the segment is gone from the metadata store.
 * - `GET /druid/coordinator/v1/loadstatus?simple` maps each datasource with used segments
 *   to the number of them not yet served.
 */

type Json = Record<string, unknown>;

export interface DruidWaitOptions {
  /** Bound of the whole wait; only a real failure reaches it. @default 900_000 */
  timeoutMs?: number;
  /** Pause between probes. @default 1_000 */
  pollMs?: number;
  /** Progress lines. @default none */
  log?: (line: string) => void;
  /** An unchanged state is logged again after this long. @default 15_000 */
  progressEveryMs?: number;
}

/** One probe's answer: done with a value, or what is still outstanding. */
export type Probe<T> = { done: true; value: T } | { done: false; outstanding: string };

/** Thrown when a wait reaches its bound; `outstanding` is the last probe's answer. */
export class DruidWaitError extends Error {
  constructor(
    readonly what: string,
    readonly outstanding: string,
    readonly waitedMs: number,
  ) {
    super(`${what}: still outstanding after ${Math.round(waitedMs / 1000)} s: ${outstanding}`);
    this.name = 'DruidWaitError';
  }
}

/**
 * Polls `probe` until it is done. A probe that throws (a Druid process busy or
 * restarting answers 5xx or not at all) counts as not done, with the error as what is
 * outstanding; `fatal` errors (a FAILED task) are thrown at once.
 */
export async function waitForDruid<T>(what: string, probe: () => Promise<Probe<T>>, o: DruidWaitOptions = {}): Promise<T> {
  const timeoutMs = o.timeoutMs ?? 900_000;
  const pollMs = o.pollMs ?? 1_000;
  const everyMs = o.progressEveryMs ?? 15_000;
  const t0 = Date.now();
  let last = '';
  let loggedAt = 0;
  for (;;) {
    let outstanding: string;
    try {
      const r = await probe();
      if (r.done) {
        if (last) o.log?.(`[druid-wait] ${what}: done after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        return r.value;
      }
      outstanding = r.outstanding;
    } catch (err) {
      if ((err as { fatal?: boolean }).fatal) throw err;
      outstanding = `probe failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    const now = Date.now();
    if (outstanding !== last || now - loggedAt >= everyMs) {
      o.log?.(`[druid-wait] ${what}: ${outstanding} (+${((now - t0) / 1000).toFixed(1)} s)`);
      last = outstanding;
      loggedAt = now;
    }
    if (now - t0 > timeoutMs) throw new DruidWaitError(what, outstanding, now - t0);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Druid answers some states as plain text ("No used segment found …"); keep it.
  }
  if (res.status >= 500) throw new Error(`GET ${url} → HTTP ${res.status}: ${text.slice(0, 300)}`);
  return { status: res.status, body };
}

async function getJson<T>(url: string): Promise<T> {
  const { status, body } = await get(url);
  if (status !== 200) throw new Error(`GET ${url} → HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body as T;
}

function fatal(message: string): Error {
  return Object.assign(new Error(message), { fatal: true });
}

export interface TaskStatus {
  id: string;
  status: 'RUNNING' | 'SUCCESS' | 'FAILED';
  runnerStatusCode?: string;
  errorMsg?: string | null;
  duration?: number;
}

/**
 * Waits until the overlord reports the task SUCCESS (`/druid/indexer/v1/task/{id}/status`);
 * a FAILED task throws at once with Druid's error message.
 */
export function waitForTask(overlordUrl: string, taskId: string, o: DruidWaitOptions = {}): Promise<TaskStatus> {
  const url = `${overlordUrl}/druid/indexer/v1/task/${encodeURIComponent(taskId)}/status`;
  return waitForDruid(
    `task ${taskId}`,
    async () => {
      const { status } = await getJson<{ status: TaskStatus }>(url);
      if (status.status === 'SUCCESS') return { done: true, value: status };
      if (status.status === 'FAILED')
        throw fatal(
          `task ${taskId} failed: ${status.errorMsg ?? 'no message'} (overlord task log: ${overlordUrl}/druid/indexer/v1/task/${taskId}/log)`,
        );
      return { done: false, outstanding: `${status.status} (runner: ${status.runnerStatusCode ?? '?'})` };
    },
    o,
  );
}

/**
 * Whether a batch task saw its segments served before it ended
 * (`ingestionStatsAndErrors.segmentAvailabilityConfirmed` of its reports). A task whose
 * `awaitSegmentAvailabilityTimeoutMillis` ran out still ends SUCCESS, with `false` here.
 */
export async function segmentAvailabilityConfirmed(overlordUrl: string, taskId: string): Promise<boolean> {
  const reports = await getJson<Json>(`${overlordUrl}/druid/indexer/v1/task/${encodeURIComponent(taskId)}/reports`);
  const payload = (reports.ingestionStatsAndErrors as { payload?: { segmentAvailabilityConfirmed?: boolean } } | undefined)?.payload;
  return payload?.segmentAvailabilityConfirmed === true;
}

/**
 * Waits until the coordinator reports every used segment of each datasource served
 * (`/druid/coordinator/v1/loadstatus?simple`: 0 left to load). A datasource missing from
 * the answer has no used segment the coordinator knows of yet: outstanding.
 */
export function waitForSegmentsLoaded(coordinatorUrl: string, datasources: readonly string[], o: DruidWaitOptions = {}): Promise<void> {
  return waitForDruid(
    `segments of ${datasources.join(', ')} served`,
    async () => {
      const left = await getJson<Record<string, number>>(`${coordinatorUrl}/druid/coordinator/v1/loadstatus?simple`);
      const pending = datasources.filter((ds) => left[ds] !== 0).map((ds) => `${ds}: ${left[ds] ?? 'unknown to the coordinator'}`);
      return pending.length === 0 ? { done: true, value: undefined } : { done: false, outstanding: `left to load: ${pending.join(', ')}` };
    },
    o,
  );
}

/**
 * Waits until none of `segmentIds` is used in the coordinator's metadata
 * (`/druid/coordinator/v1/metadata/datasources/{ds}/segments`), and with `killed` until
 * none is in the metadata store at all (`…/segments/{id}?includeUnused=true` → 404).
 */
export function waitForSegmentsUnused(
  coordinatorUrl: string,
  datasource: string,
  segmentIds: readonly string[],
  o: DruidWaitOptions & { killed?: boolean } = {},
): Promise<void> {
  const base = `${coordinatorUrl}/druid/coordinator/v1/metadata/datasources/${encodeURIComponent(datasource)}/segments`;
  return waitForDruid(
    `${segmentIds.length} replaced segment(s) of ${datasource} ${o.killed ? 'killed' : 'unused'}`,
    async () => {
      const { status, body } = await get(base);
      // 204/404: no used segment of the datasource at all.
      const used = new Set(status === 200 && Array.isArray(body) ? (body as string[]) : []);
      const stillUsed = segmentIds.filter((id) => used.has(id));
      if (stillUsed.length > 0) return { done: false, outstanding: `still used: ${stillUsed.join(', ')}` };
      if (o.killed) {
        const present: string[] = [];
        for (const id of segmentIds)
          if ((await get(`${base}/${encodeURIComponent(id)}?includeUnused=true`)).status !== 404) present.push(id);
        if (present.length > 0) return { done: false, outstanding: `unused but still in the metadata store: ${present.join(', ')}` };
      }
      return { done: true, value: undefined };
    },
    o,
  );
}

export interface BrokerSegmentsView {
  /** Published segments the broker reports overshadowed. */
  overshadowed: string[];
  /** Of the given ids, those the broker still lists as published. */
  published: string[];
  /** Of the given ids, those a historical (or task) still serves. */
  served: string[];
}

/** The broker's view of a datasource's segments (`sys.segments`), as far as `ids` go. */
export async function brokerSegmentsView(brokerUrl: string, datasource: string, ids: readonly string[] = []): Promise<BrokerSegmentsView> {
  const res = await fetch(`${brokerUrl}/druid/v2/sql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `SELECT "segment_id", "is_published", "is_available", "is_overshadowed" FROM sys.segments WHERE "datasource" = ?`,
      parameters: [{ type: 'VARCHAR', value: datasource }],
      resultFormat: 'object',
    }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`sys.segments of ${datasource}: HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const rows = (await res.json()) as Array<{ segment_id: string; is_published: number; is_available: number; is_overshadowed: number }>;
  const wanted = new Set(ids);
  return {
    overshadowed: rows.filter((r) => r.is_published === 1 && r.is_overshadowed === 1).map((r) => r.segment_id),
    published: rows.filter((r) => wanted.has(r.segment_id) && r.is_published === 1).map((r) => r.segment_id),
    served: rows.filter((r) => wanted.has(r.segment_id) && r.is_available === 1).map((r) => r.segment_id),
  };
}

/**
 * Waits until the broker no longer lists any of `segmentIds` as published nor any
 * segment of the datasource as overshadowed; with `dropped`, also until no server
 * serves them any more (the coordinator's next duty cycles drop them from the
 * historicals; its load queue is shown while they are outstanding).
 */
export function waitForBrokerToForget(
  brokerUrl: string,
  coordinatorUrl: string,
  datasource: string,
  segmentIds: readonly string[],
  o: DruidWaitOptions & { dropped?: boolean } = {},
): Promise<BrokerSegmentsView> {
  return waitForDruid(
    `broker to forget ${segmentIds.length} replaced segment(s) of ${datasource}`,
    async () => {
      const view = await brokerSegmentsView(brokerUrl, datasource, segmentIds);
      const left = [
        ...(view.overshadowed.length ? [`overshadowed: ${view.overshadowed.join(', ')}`] : []),
        ...(view.published.length ? [`still published: ${view.published.join(', ')}`] : []),
        ...(o.dropped && view.served.length ? [`still served: ${view.served.join(', ')}`] : []),
      ];
      if (left.length === 0) return { done: true, value: view };
      const queue = await getJson<Record<string, { segmentsToLoad: number; segmentsToDrop: number }>>(
        `${coordinatorUrl}/druid/coordinator/v1/loadqueue?simple`,
      ).catch(() => ({}));
      const q = Object.entries(queue)
        .map(([server, s]) => `${server} load ${s.segmentsToLoad}/drop ${s.segmentsToDrop}`)
        .join(', ');
      return { done: false, outstanding: `${left.join('; ')} (coordinator load queue: ${q || 'n/a'})` };
    },
    o,
  );
}

export interface SupervisorLag {
  id: string;
  /** Records not yet read, per partition (the most advanced replica's). */
  lagByPartition?: Record<string, number>;
  offsetsLastUpdated?: string;
  state?: string;
}

/**
 * Waits until each Kafka supervisor reports it has read its topic to the end, in a
 * status whose offsets were refreshed after `sinceMs` (the supervisor refreshes them
 * every `offsetFetchPeriod`, 30 s by default). Rows read are queryable from the reading
 * tasks at once, so a count taken afterwards is final for what was produced before
 * `sinceMs`. With `transactional`, a lag of 1 per partition is the end: a topic written
 * only in transactions ends with a commit marker, which the tasks never receive as a
 * record, so Druid reports 1 there however long it reads (apache/druid#16689).
 */
export function waitForSupervisorsCaughtUp(
  overlordUrl: string,
  supervisorIds: readonly string[],
  sinceMs: number,
  o: DruidWaitOptions & { transactional?: boolean } = {},
): Promise<SupervisorLag[]> {
  const endLag = o.transactional ? 1 : 0;
  return waitForDruid(
    `supervisors ${supervisorIds.join(', ')} to read their topic to the end`,
    async () => {
      const lags: SupervisorLag[] = [];
      for (const id of supervisorIds) {
        const { payload } = await getJson<{ payload: Json }>(`${overlordUrl}/druid/indexer/v1/supervisor/${encodeURIComponent(id)}/status`);
        lags.push({
          id,
          ...(payload.minimumLag && typeof payload.minimumLag === 'object'
            ? { lagByPartition: payload.minimumLag as Record<string, number> }
            : {}),
          ...(typeof payload.offsetsLastUpdated === 'string' ? { offsetsLastUpdated: payload.offsetsLastUpdated } : {}),
          ...(typeof payload.state === 'string' ? { state: payload.state } : {}),
        });
      }
      const behind = lags.filter(
        (l) =>
          l.lagByPartition === undefined ||
          Object.keys(l.lagByPartition).length === 0 ||
          Object.values(l.lagByPartition).some((n) => n > endLag) ||
          l.offsetsLastUpdated === undefined ||
          Date.parse(l.offsetsLastUpdated) < sinceMs,
      );
      if (behind.length === 0) return { done: true, value: lags };
      return {
        done: false,
        outstanding: behind
          .map((l) => `${l.id} ${l.state ?? '?'} lag ${JSON.stringify(l.lagByPartition ?? '?')} as of ${l.offsetsLastUpdated ?? 'never'}`)
          .join('; '),
      };
    },
    o,
  );
}
