/**
 * `npm start` runs a real Prometheus Alertmanager next to the pipeline when the machine
 * has Go: the alert engine (in the processor, or the Druid query API) delivers to it, and
 * its API shows what a paging stack would receive. The first start builds it from the Go
 * module proxy (a few minutes, cached under ~/.cache/gamepulse/go); the pipeline does not
 * wait: the engine's deliveries are retried until Alertmanager answers.
 */
import { startAlertmanager, type AlertmanagerHandle } from '../engines/alertmanager.ts';
import { haveGo } from '../engines/go-tools.ts';

/** Route everything to a receiver with no integration: Alertmanager holds, groups and shows the alerts. */
const DEMO_CONFIG = `route:
  receiver: demo
  group_by: [alertname, game]
  group_wait: 10s
  group_interval: 1m
  repeat_interval: 4h
receivers:
  - name: demo
`;

export interface AlertmanagerProfile {
  /** Where the engine delivers (known before Alertmanager is up). */
  url: string;
  stop(): Promise<void>;
}

/** Starts Alertmanager in the background on `port`, or says why not and returns undefined. */
export async function startAlertmanagerProfile(port: number, say: (line: string) => void): Promise<AlertmanagerProfile | undefined> {
  if (!(await haveGo())) {
    say('alerts: no Go on this machine, so no Alertmanager (install Go ≥ 1.26); alerts show in the console and at /v1/alerts');
    return undefined;
  }
  let handle: AlertmanagerHandle | undefined;
  let stopped = false;
  // Not awaited: a first start builds Alertmanager for minutes while the pipeline runs.
  void startAlertmanager({ configYaml: DEMO_CONFIG, port, log: (l) => say(`alertmanager: ${l}`) }).then(
    async (h) => {
      handle = h;
      if (stopped) await h.stop();
      else say(`alertmanager: ready at ${h.url} (alerts: ${h.url}/api/v2/alerts)`);
    },
    (err: unknown) =>
      say(`alertmanager: not started (${(err as Error).message.split('\n')[0]}); alerts show in the console and at /v1/alerts`),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    // A build still under way finishes (and is cached); the Alertmanager it starts then stops at once.
    stop: async () => {
      stopped = true;
      await handle?.stop();
    },
  };
}
