/**
 * Refunds, chargebacks and revocations against the purchases of the same window: the
 * count, the amount given back in the game's reporting currency (each refund converted
 * by the processor with its UTC day's rate, like a purchase) and the refund rate =
 * refunds / purchases of the same bucket and dimensions.
 *
 * A refund counts in the window it is reported, not in its purchase's: stores report
 * them hours to weeks later, so the rate over a short window compares this window's
 * refunds with this window's purchases — a level that is stable under normal traffic
 * and jumps in a chargeback wave, which is what it is for. Revenue KPIs stay gross
 * (they read purchases only); net revenue is revenue_reporting minus this.
 *
 * One row per bucket, dimensions and reporting currency (games reporting in different
 * currencies never add up); `chargebacks` and `revoked` are the refunds of those
 * reasons (rollup `action`), the rest are store-granted refunds.
 */
import { QueryBuilder, bucket, concat, dims, groupBy, literal, orderBy, ratio, sumWhen } from '../sql.ts';
import type { KpiDefinition } from '../types.ts';
import { SLICE_PARAMS } from './common-params.ts';

export const refunds: KpiDefinition = {
  name: 'refunds',
  description:
    'Refunds (store refunds, chargebacks, revocations) per time bucket and reporting currency: their count, chargebacks and revocations among them, ' +
    "the amount given back in the game's reporting currency (minor units), the purchases of the same bucket and refund_rate = refunds / purchases.",
  params: [...SLICE_PARAMS, 'granularity'],
  granularities: ['all', 'hour', 'minute', 'day'],
  render(p, d) {
    const q = new QueryBuilder(d);
    const g = concat(bucket(p, d), dims(p, d, 'rollups'));
    const cur = d.dimension('reporting_currency');
    const isRefund = `event_type = ${literal('refund')}`;
    const count = sumWhen(isRefund, 'events');
    const purchases = sumWhen(`event_type = ${literal('purchase')}`, 'events');
    return q.build(
      [
        `SELECT ${[
          ...g.select,
          `${cur} AS reporting_currency`,
          `${count} AS refunds`,
          `${sumWhen(`${isRefund} AND action = ${literal('chargeback')}`, 'events')} AS chargebacks`,
          `${sumWhen(`${isRefund} AND action = ${literal('revoked')}`, 'events')} AS revoked`,
          `${sumWhen(isRefund, 'revenue_reporting_minor')} AS refunded_reporting_minor`,
          `${purchases} AS purchases`,
          `${ratio(count, purchases)} AS refund_rate`,
        ].join(', ')}`,
        `FROM ${d.table('rollups')}`,
        q.where(p, [`(event_type = ${literal('purchase')} OR ${isRefund})`]),
        groupBy([...g.group, cur]),
        orderBy([...g.order, 'reporting_currency']),
      ],
      [...g.columns, 'reporting_currency', 'refunds', 'chargebacks', 'revoked', 'refunded_reporting_minor', 'purchases', 'refund_rate'],
    );
  },
};
