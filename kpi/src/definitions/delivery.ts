/**
 * Delivery per build — loss accounting end to end: the events that arrived (every
 * rollup row but the SDK's drop rows) and the events the SDKs report they dropped before
 * sending (rollup rows of event_type `sdk_dropped`, the reason code in `action`; the
 * processor folds them from each batch's sdk_health, processor/README.md "Loss
 * accounting"), in total and by reason group (proto/src/sdk-health.ts), and the shares:
 * tracked = arrived + dropped, delivery_share = arrived / tracked, dropped_share = dropped / tracked.
 * Build is always a column (a by=build is implied), as in error_rate.
 */
import {
  DROP_REASON_GROUPS,
  EVENT_CODES,
  OTHER_DROP_REASON,
  SDK_DROPPED_EVENT_TYPE,
  SDK_DROP_CODES,
  dropReasonGroupOf,
} from '@gamepulse/proto';
import { DIMENSION_COLUMNS } from '../dialect.ts';
import { QueryBuilder, bucket, concat, dims, groupBy, literal, orderBy, ratio, sumWhen } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

/** The reason codes of each group, as SQL literals. */
const CODES_OF_GROUP = Object.fromEntries(
  DROP_REASON_GROUPS.map((g) => [
    g,
    [...SDK_DROP_CODES, ...Object.keys(EVENT_CODES), OTHER_DROP_REASON]
      .filter((c) => dropReasonGroupOf(c) === g)
      .map(literal)
      .join(', '),
  ]),
) as Record<(typeof DROP_REASON_GROUPS)[number], string>;

/** The result columns of the dropped events by reason group: dropped_queue_full, dropped_consent, … */
export const DELIVERY_GROUP_COLUMNS = DROP_REASON_GROUPS.map((g) => `dropped_${g}`);

export const delivery: KpiDefinition = {
  name: 'delivery',
  description:
    'SDK delivery per build: events arrived, events the SDKs dropped before sending (sdk_health) in total and by reason group ' +
    '(tracked = arrived + dropped) ' +
    '(queue_full, consent, invalid, rejected, shutdown, other), delivery_share = arrived / (arrived + dropped) and dropped_share. ' +
    'Build is always a column (a by=build is implied).',
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['all', 'hour', 'day', 'minute'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const rest = { ...p, by: p.by.filter((x) => x !== 'build') };
    const g = concat(bucket(p, d), dims(rest, d, 'rollups'));
    const build = DIMENSION_COLUMNS.build;
    const isDrop = `event_type = ${literal(SDK_DROPPED_EVENT_TYPE)}`;
    const arrived = sumWhen(`event_type <> ${literal(SDK_DROPPED_EVENT_TYPE)}`, 'events');
    const dropped = sumWhen(isDrop, 'events');
    const total = `(${arrived} + ${dropped})`;
    return q.build(
      [
        `SELECT ${[
          ...g.select,
          `${d.dimension(build)} AS ${build}`,
          `${arrived} AS arrived`,
          `${dropped} AS dropped`,
          `${total} AS tracked`,
          ...DROP_REASON_GROUPS.map((grp) => `${sumWhen(`${isDrop} AND action IN (${CODES_OF_GROUP[grp]})`, 'events')} AS dropped_${grp}`),
          `${ratio(arrived, total)} AS delivery_share`,
          `${ratio(dropped, total)} AS dropped_share`,
        ].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p),
        groupBy([...g.group, d.dimension(build)]),
        orderBy([...g.order, build]),
      ],
      [...g.columns, build, 'arrived', 'dropped', 'tracked', ...DELIVERY_GROUP_COLUMNS, 'delivery_share', 'dropped_share'],
    );
  },
};
