/**
 * Query-string parameters of `GET /v1/alerts/history` → the engine's AlertHistoryQuery.
 * Strict like the KPIs' (parse-query.ts): an unknown or repeated key is an error, an
 * empty value means "not given", times are ISO 8601 or epoch milliseconds.
 */
import type { AlertHistoryQuery } from '@gamepulse/alerts';
import { AnalyticsError } from '@gamepulse/store';
import { parseTime } from './parse-query.ts';

export const ALERT_HISTORY_PARAMS = {
  rule: "Only this rule's events (its alert name, e.g. EventsPerMinuteDrop). Default: all.",
  state: 'Only `fired` or only `resolved` events. Default: both.',
  since: 'Events at or after this time, ISO 8601 or epoch ms. Default: the oldest kept.',
  until: 'Events before this time, ISO 8601 or epoch ms. Default: now.',
  limit: 'At most this many events, newest first, 1–10000. Default: 100.',
} as const;

type Param = keyof typeof ALERT_HISTORY_PARAMS;
const MAX_LIMIT = 10_000;

function bad(message: string, param: string, value: unknown): AnalyticsError {
  return new AnalyticsError('GP_QUERY_BAD_PARAM', message, { context: { param, value } });
}

export function parseAlertHistoryQuery(query: Record<string, unknown>): AlertHistoryQuery {
  const q: AlertHistoryQuery = { limit: 100 };
  for (const [key, value] of Object.entries(query)) {
    if (!(key in ALERT_HISTORY_PARAMS))
      throw bad(`unknown parameter "${key}"; known: ${Object.keys(ALERT_HISTORY_PARAMS).join(', ')}`, key, value);
    if (typeof value !== 'string') throw bad(`parameter "${key}" must be given once`, key, value);
    if (value === '') continue;
    switch (key as Param) {
      case 'rule':
        q.alertname = value;
        break;
      case 'state':
        if (value !== 'fired' && value !== 'resolved') throw bad(`state must be fired or resolved, got "${value}"`, key, value);
        q.kind = value;
        break;
      case 'since':
        q.sinceMs = parseTime(key, value);
        break;
      case 'until':
        q.untilMs = parseTime(key, value);
        break;
      case 'limit': {
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
          throw bad(`limit must be an integer in [1, ${MAX_LIMIT}], got "${value}"`, key, value);
        q.limit = n;
        break;
      }
    }
  }
  if (q.sinceMs !== undefined && q.untilMs !== undefined && q.sinceMs >= q.untilMs)
    throw bad(`since must be before until`, 'since', { since: q.sinceMs, until: q.untilMs });
  return q;
}
