/** Prometheus metrics of the alert engine (`gamepulse_alerts_*`; alerts/README.md "Metrics"). */
import { Counter, Gauge, Histogram, type Registry } from '@gamepulse/service';

export interface EngineMetrics {
  evaluations: Counter<'rule' | 'result'>;
  evaluationSeconds: Histogram<string>;
  alerts: Gauge<'alertname' | 'state'>;
  notifications: Counter<'sink' | 'result'>;
  stateSaves: Counter<'result'>;
}

export function engineMetrics(registry: Registry): EngineMetrics {
  const registers = [registry];
  return {
    evaluations: new Counter({
      name: 'gamepulse_alerts_rule_evaluations_total',
      help: 'Rule evaluations, by rule and result (ok, failed)',
      labelNames: ['rule', 'result'],
      registers,
    }),
    evaluationSeconds: new Histogram({
      name: 'gamepulse_alerts_cycle_seconds',
      help: 'Time to evaluate the rules due in one cycle',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    alerts: new Gauge({
      name: 'gamepulse_alerts',
      help: 'Alert instances pending or firing, by rule',
      labelNames: ['alertname', 'state'],
      registers,
    }),
    notifications: new Counter({
      name: 'gamepulse_alerts_notifications_total',
      help: 'Deliveries to alert targets, by target and result (ok, failed; rejected counts alerts a target can never accept)',
      labelNames: ['sink', 'result'],
      registers,
    }),
    stateSaves: new Counter({
      name: 'gamepulse_alerts_state_saves_total',
      help: 'Saves of the alert state (alerts pending/firing, history) to its store, by result (ok, failed)',
      labelNames: ['result'],
      registers,
    }),
  };
}
