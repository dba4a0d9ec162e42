/**
 * What a process does to run the alert engine beside its own work: read the rule file
 * named in its configuration (a bad file stops the process with exit 2 and every
 * problem listed, as any configuration problem does), open the alert state (a journal
 * in the state directory, or memory), build the delivery targets and start the engine's
 * timer. The caller stops it first on shutdown; stopping closes the state store.
 */
import { ConfigError, type Logger, type Registry } from '@gamepulse/service';
import type { Dialect } from '@gamepulse/kpi';
import type { Store } from '@gamepulse/store';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALERTS_CONFIG, type AlertsConfig } from './config.ts';
import type { AlertSink } from './delivery/alert-sink.ts';
import { AlertEngine } from './engine/alert-engine.ts';
import { createMemoryAlertStateStore, type AlertHistoryRetention, type AlertStateStore } from './engine/alert-state-store.ts';
import { openFileAlertStateStore } from './engine/file-alert-state-store.ts';
import { createAlertmanagerSink } from './delivery/alertmanager-sink.ts';
import { createWebhookSink } from './delivery/webhook-sink.ts';
import { isAlertsError } from './errors.ts';
import { loadRulesFile } from './rules/load-rules.ts';

export interface StartAlertingOptions {
  config: AlertsConfig;
  store: Store;
  dialect?: Dialect;
  /** Base of console links when the configuration names none: the process's own API. */
  apiUrl: string;
  /**
   * The state directory when the configuration names none (`alertStateDir` empty):
   * defaultStateDir(storePath) for a process that holds a DuckDB file. @default none: in memory
   */
  defaultStateDir?: string;
  /** Delivery targets. @default configuredSinks(config) */
  sinks?: readonly AlertSink[];
  logger?: Logger;
  registry?: Registry;
  /** @default Date.now */
  nowMs?: () => number;
}

export interface RunningAlerts {
  engine: AlertEngine;
  stop(): Promise<void>;
}

/** Starts the engine, or returns undefined when the configuration turns it off. */
export function startAlerting(o: StartAlertingOptions): RunningAlerts | undefined {
  if (o.config.alertRules === 'off' || o.config.alertRules === '') {
    o.logger?.info('alert engine off (GAMEPULSE_ALERT_RULES=off)');
    return undefined;
  }
  let rules;
  try {
    rules = loadRulesFile(rulesPath(o.config.alertRules));
  } catch (err) {
    if (isAlertsError(err)) throw new ConfigError((err.context?.problems as string[] | undefined) ?? [err.message]);
    throw err;
  }
  const sinks = o.sinks ?? configuredSinks(o.config, o.config.alertConsoleUrl || o.apiUrl);
  const logger = o.logger?.child({ component: 'alerts' });
  const stateStore = openStateStore(o.config, o.defaultStateDir, logger, o.nowMs);
  const engine = new AlertEngine({
    store: o.store,
    dialect: o.dialect,
    rules,
    sinks,
    consoleUrl: o.config.alertConsoleUrl || o.apiUrl,
    logger,
    registry: o.registry,
    nowMs: o.nowMs,
    stateStore,
  });
  engine.start();
  o.logger?.info('alert engine started', {
    rules: rules.rules.length,
    file: o.config.alertRules,
    sinks: sinks.map((s) => s.name),
    state: stateStore.kind,
  });
  return {
    engine,
    stop: async () => {
      await engine.stop();
      await stateStore.close();
    },
  };
}

/** `<dir of the DuckDB file>/alerts`, or undefined for an in-memory DuckDB. */
export function defaultStateDir(storePath: string): string | undefined {
  return storePath === ':memory:' || storePath === '' ? undefined : join(dirname(storePath), 'alerts');
}

/** The configured state: a journal in the state directory, or memory. */
function openStateStore(config: AlertsConfig, fallbackDir: string | undefined, logger?: Logger, nowMs?: () => number): AlertStateStore {
  const retention: AlertHistoryRetention = {
    maxEvents: config.alertHistoryMaxEvents,
    maxAgeMs: config.alertHistoryMaxAgeDays * 86_400_000,
  };
  const dir = config.alertStateDir === 'off' ? undefined : config.alertStateDir || fallbackDir;
  if (dir === undefined) return createMemoryAlertStateStore(retention);
  try {
    return openFileAlertStateStore({ dir, retention, logger, nowMs });
  } catch (err) {
    throw new ConfigError([`alert state directory ${dir} (GAMEPULSE_ALERT_STATE_DIR): ${(err as Error).message}`]);
  }
}

/** The shipped rules, wherever the process runs from: the default path is the repository's file. */
function rulesPath(configured: string): string {
  if (configured !== ALERTS_CONFIG.alertRules.default || existsSync(configured)) return configured;
  return fileURLToPath(new URL('../../config/alert-rules.yml', import.meta.url));
}

/** The delivery targets the configuration names: Alertmanager(s), a webhook, both or none. */
export function configuredSinks(config: AlertsConfig, consoleUrl: string): AlertSink[] {
  const sinks: AlertSink[] = [];
  if (config.alertmanagerUrls.length > 0) sinks.push(createAlertmanagerSink({ urls: config.alertmanagerUrls }));
  if (config.alertWebhookUrl) sinks.push(createWebhookSink({ url: config.alertWebhookUrl, externalUrl: consoleUrl }));
  return sinks;
}
