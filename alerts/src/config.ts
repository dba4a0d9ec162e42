/**
 * The alert engine's configuration, a fragment each process that runs the engine loads
 * beside its own (the embedded processor, the query API over Druid): defaults ←
 * environment. alerts/README.md "Configuration" has the table.
 */
import type { ConfigOf, ConfigSpec } from '@gamepulse/service';

export const ALERTS_CONFIG = {
  alertRules: {
    kind: 'string',
    default: 'config/alert-rules.yml',
    env: 'GAMEPULSE_ALERT_RULES',
    doc: 'Rule file (YAML or JSON, alerts/README.md "Rule file"), checked at start with every problem reported. `off` runs no engine.',
  },
  alertmanagerUrls: {
    kind: 'list',
    default: [],
    env: 'GAMEPULSE_ALERTMANAGER_URLS',
    doc: 'Alertmanager base URLs, comma-separated (each of an HA pair gets every alert). Empty: none.',
  },
  alertWebhookUrl: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_ALERT_WEBHOOK_URL',
    doc: "A URL that receives alerts in Alertmanager's webhook shape, for teams without Alertmanager. Empty: none.",
  },
  alertConsoleUrl: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_ALERT_CONSOLE_URL',
    doc: "Base of the console links alerts carry (`generatorURL`). Empty: this process's own API address.",
  },
  alertStateDir: {
    kind: 'string',
    default: '',
    env: 'GAMEPULSE_ALERT_STATE_DIR',
    doc: 'Directory of the alert state journal (alerts pending/firing, unsent resolutions, history; alerts/README.md "Persistence"). Empty: `alerts/` beside the DuckDB file of the process that holds one (the embedded processor, the Kafka-mode rollups loader), in memory where there is none (the query API over Druid). `off`: in memory, lost on restart.',
  },
  alertHistoryMaxEvents: {
    kind: 'int',
    default: 10_000,
    env: 'GAMEPULSE_ALERT_HISTORY_MAX_EVENTS',
    min: 1,
    max: 1_000_000,
    doc: 'Fired/resolved events the history keeps; the oldest go first.',
  },
  alertHistoryMaxAgeDays: {
    kind: 'int',
    default: 30,
    env: 'GAMEPULSE_ALERT_HISTORY_MAX_AGE_DAYS',
    min: 1,
    max: 3_650,
    doc: 'Fired/resolved events older than this many days leave the history.',
  },
} as const satisfies ConfigSpec;

export type AlertsConfig = ConfigOf<typeof ALERTS_CONFIG>;
