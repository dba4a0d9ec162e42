/**
 * The KPI catalogue and the one function that runs any of them on any `Store`: pick
 * the engine's dialect, resolve parameters, render, execute.
 */
import { AnalyticsError, isAnalyticsError, type Store } from '@gamepulse/store';
import type { Dialect } from './dialect.ts';
import { createDruidDialect } from './druid-dialect.ts';
import { DUCKDB_DIALECT } from './duckdb-dialect.ts';
import { abReadout } from './definitions/ab-readout.ts';
import { activeUsers } from './definitions/active-users.ts';
import { arpdau } from './definitions/arpdau.ts';
import { arppu } from './definitions/arppu.ts';
import { dau } from './definitions/dau.ts';
import { payerConversion } from './definitions/payer-conversion.ts';
import { progressionFunnel } from './definitions/progression-funnel.ts';
import { playerFunnel } from './definitions/player-funnel.ts';
import { retention } from './definitions/retention.ts';
import { economy } from './definitions/economy.ts';
import { eventsByType } from './definitions/events-by-type.ts';
import { onlineNow } from './definitions/online-now.ts';
import { revenue } from './definitions/revenue.ts';
import { sessions } from './definitions/sessions.ts';
import { topProgressionFails } from './definitions/top-progression-fails.ts';
import { atRiskPlayers, churnRisk } from './definitions/churn.ts';
import { ads } from './definitions/ads.ts';
import { errorRate } from './definitions/error-rate.ts';
import { delivery } from './definitions/delivery.ts';
import { featureAdoption } from './definitions/feature-adoption.ts';
import { lateEvents } from './definitions/late-events.ts';
import { socialActions } from './definitions/social-actions.ts';
import { topItems } from './definitions/top-items.ts';
import { sessionStats } from './definitions/session-stats.ts';
import { playerLifecycle } from './definitions/player-lifecycle.ts';
import { retentionMatrix } from './definitions/retention-matrix.ts';
import { abTest } from './definitions/ab-test.ts';
import { abStats } from './definitions/ab-stats.ts';
import { arpdauReporting, arppuReporting, revenueReporting } from './definitions/reporting-revenue.ts';
import { ltv } from './definitions/ltv.ts';
import { refunds } from './definitions/refunds.ts';
import { playerPurchases } from './definitions/player-purchases.ts';
import { resolveKpiParams } from './params.ts';
import type { KpiDefinition, KpiParams, KpiResult } from './types.ts';

export const KPIS: readonly KpiDefinition[] = [
  onlineNow,
  dau,
  activeUsers,
  retention,
  revenue,
  arpdau,
  arppu,
  payerConversion,
  economy,
  progressionFunnel,
  abReadout,
  eventsByType,
  topProgressionFails,
  sessions,
  churnRisk,
  atRiskPlayers,
  featureAdoption,
  ads,
  socialActions,
  errorRate,
  topItems,
  lateEvents,
  sessionStats,
  playerLifecycle,
  retentionMatrix,
  playerFunnel,
  revenueReporting,
  arpdauReporting,
  arppuReporting,
  abTest,
  abStats,
  ltv,
  delivery,
  refunds,
  playerPurchases,
];

const BY_NAME = new Map(KPIS.map((k) => [k.name, k]));

export function getKpi(name: string): KpiDefinition {
  const def = BY_NAME.get(name);
  if (!def) {
    throw new AnalyticsError('GP_QUERY_UNKNOWN_KPI', `no KPI named "${name}"; known: ${KPIS.map((k) => k.name).join(', ')}`, {
      context: { kpi: name },
    });
  }
  return def;
}

/** The default dialect of an engine (Druid with its default datasource names). */
export function dialectFor(engine: Store['engine']): Dialect {
  return engine === 'duckdb' ? DUCKDB_DIALECT : createDruidDialect();
}

export interface RunKpiOptions {
  /** @default Date.now */
  nowMs?: () => number;
  /** @default dialectFor(store.engine) */
  dialect?: Dialect;
}

export async function runKpi(store: Store, name: string, params: KpiParams = {}, options: RunKpiOptions = {}): Promise<KpiResult> {
  const def = getKpi(name);
  const dialect = options.dialect ?? dialectFor(store.engine);
  const resolved = resolveKpiParams(def, params, (options.nowMs ?? Date.now)());
  const query = def.render(resolved, dialect);
  try {
    const rows = await store.sql(query.sql, query.params);
    const out = def.finish ? def.finish(rows, query.columns, resolved) : { rows, columns: query.columns };
    return { kpi: def.name, engine: store.engine, params: resolved, columns: out.columns, rows: out.rows };
  } catch (err) {
    throw new AnalyticsError('GP_QUERY_FAILED', `${def.name} failed on ${store.engine}: ${(err as Error).message}`, {
      cause: err,
      context: { kpi: def.name, engine: store.engine, ...(isAnalyticsError(err) ? { storeCode: err.code } : {}) },
    });
  }
}
