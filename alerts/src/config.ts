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
} as const satisfies ConfigSpec;

export type AlertsConfig = ConfigOf<typeof ALERTS_CONFIG>;
