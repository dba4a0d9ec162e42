/**
 * The query API over any `Store`:
 *   GET /v1/kpis          the catalogue: names, descriptions, parameters
 *   GET /v1/kpis/:name    one KPI → { kpi, engine, params, columns, rows, tookMs };
 *                         with format=csv the columns and rows as CSV (src/csv.ts)
 *   GET /v1/alerts        alerts pending or firing now; /v1/alerts/history fired and
 *                         resolved events, newest first, kept across restarts when the
 *                         engine has a state directory (filters: alert-history-query.ts);
 *                         /v1/alerts/rules the loaded rules
 *   GET /v1/changes       Server-Sent Events: a push when the store's data changed (live/live-changes.ts)
 *   GET /                 the live console (static page that re-reads the JSON API on each push);
 *                         /assets/* the chart library it loads
 *   GET /healthz /readyz /metrics   ops endpoints (service's handleOps)
 * Errors are JSON `{ error: { code, message } }` with the HTTP status of the code.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { createRegistry, type GamepulseError, handleOps, isGamepulseError, type OpsOptions } from '@gamepulse/service';
import { consoleAsset, consoleHtml } from './console/index.ts';
import { AnalyticsError } from '@gamepulse/store';
import { KPIS, getKpi, runKpi } from '@gamepulse/kpi';
import { apiMetrics } from './metrics.ts';
import type { QueryApiOptions } from './options.ts';
import { QUERY_PARAMS, parseKpiQuery } from './parse-query.ts';
import { parseAlertHistoryQuery } from './alert-history-query.ts';
import { FORMATS, toCsv, type Format } from './csv.ts';

/** `format` is the answer's, not the KPI's: taken out before the KPI's parameters are parsed. */
function splitFormat(query: Record<string, unknown>): { format: Format; rest: Record<string, unknown> } {
  const { format = 'json', ...rest } = query;
  if (format === '') return { format: 'json', rest };
  if (typeof format !== 'string' || !FORMATS.includes(format as Format)) {
    throw new AnalyticsError('GP_QUERY_BAD_PARAM', `format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}`, {
      context: { param: 'format', value: format },
    });
  }
  return { format: format as Format, rest };
}

function catalogue() {
  return {
    kpis: KPIS.map((k) => ({
      name: k.name,
      description: k.description,
      granularities: k.granularities,
      params: k.params.filter((p) => p !== 'granularity' || k.granularities.length > 1).map((p) => ({ name: p, doc: QUERY_PARAMS[p] })),
    })),
  };
}

/**
 * A GamepulseError of any package answers with its own code and HTTP status; errors
 * express itself raises (e.g. a malformed URI, status 400) keep their client/server split.
 */
function asHttpError(err: unknown): GamepulseError {
  if (isGamepulseError(err)) return err;
  const message = (err as Error)?.message ?? String(err);
  const status = (err as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return new AnalyticsError('GP_QUERY_BAD_PARAM', message, { cause: err });
  return new AnalyticsError('GP_QUERY_FAILED', message, { cause: err });
}

export function createQueryApi(options: QueryApiOptions): express.Express {
  const { store } = options;
  const nowMs = options.nowMs ?? Date.now;
  const registry = options.registry ?? createRegistry('query-api');
  const metrics = apiMetrics(registry);
  const ops: OpsOptions = {
    registry,
    checks: [{ name: `store (${store.engine})`, check: () => store.health() }, ...(options.checks ?? [])],
    ...(options.isDraining ? { isDraining: options.isDraining } : {}),
  };
  const page = options.console === false ? undefined : consoleHtml();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    if (!handleOps(ops, req, res)) next();
  });

  if (page) {
    app.get('/', (_req, res) => {
      res.type('html').set('cache-control', 'no-cache').send(page);
    });
    app.get('/assets/:name', (req: Request<{ name: string }>, res, next) => {
      const asset = consoleAsset(req.params.name);
      if (!asset) return next();
      res.type(asset.type).set('cache-control', 'public, max-age=3600').send(asset.body);
    });
  }

  const changes = options.changes;
  app.get('/v1/changes', (_req, res) => {
    if (!changes) throw new AnalyticsError('GP_QUERY_NOT_FOUND', 'live changes are off on this API (startQueryApi live: false)');
    changes.serve(res);
  });

  app.get('/v1/kpis', (_req, res) => {
    res.set('cache-control', 'no-store').json(catalogue());
  });

  app.get('/v1/kpis/:name', async (req: Request<{ name: string }>, res) => {
    const started = performance.now();
    const def = getKpi(req.params.name);
    const { format, rest } = splitFormat(req.query);
    const result = await runKpi(store, def.name, parseKpiQuery(rest), {
      nowMs,
      ...(options.dialect ? { dialect: options.dialect } : {}),
    });
    const tookMs = Math.round((performance.now() - started) * 100) / 100;
    metrics.kpiSeconds.observe({ kpi: def.name }, tookMs / 1000);
    if (format === 'csv') {
      res
        .set('cache-control', 'no-store')
        .set('content-disposition', `attachment; filename="${def.name}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(toCsv(result.columns, result.rows));
      return;
    }
    res.set('cache-control', 'no-store').json({ ...result, tookMs });
  });

  const alerts = options.alerts;
  app.get('/v1/alerts', (_req, res) => {
    res.set('cache-control', 'no-store').json({ enabled: alerts !== undefined, alerts: alerts?.active() ?? [] });
  });
  app.get('/v1/alerts/history', (req, res) => {
    const query = parseAlertHistoryQuery(req.query);
    res.set('cache-control', 'no-store').json({ enabled: alerts !== undefined, query, events: alerts?.history(query) ?? [] });
  });
  app.get('/v1/alerts/rules', (_req, res) => {
    const rules = (alerts?.rules ?? []).map((r) => ({
      alert: r.name,
      group: r.group,
      kpi: r.query.kpi,
      severity: r.severity,
      forMs: r.forMs,
      intervalMs: r.intervalMs,
      windowMs: r.query.windowMs,
      condition: r.condition,
      labels: r.labels,
      summary: r.annotations.summary,
    }));
    res.set('cache-control', 'no-store').json({ enabled: alerts !== undefined, rules });
  });

  app.use((req, _res, next) => {
    next(new AnalyticsError('GP_QUERY_NOT_FOUND', `no route for ${req.method} ${req.path}`));
  });

  // Express recognises an error handler by its four parameters.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = asHttpError(err);
    metrics.errors.inc({ code: known.code });
    if (known.httpStatus >= 500) options.logger?.error('query failed', { path: req.path, code: known.code, err: known.cause ?? known });
    res
      .status(known.httpStatus)
      .set('cache-control', 'no-store')
      .json({ error: { code: known.code, message: known.message } });
  });

  return app;
}
