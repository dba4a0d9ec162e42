/**
 * player_funnel computed from the raw events (`RefData.events`), sharing nothing with
 * the SQL or the step facts: the definition of kpi/README.md ("player_funnel") applied
 * event by event. Without raw events (tests that have only rollup rows, and no step
 * facts either) every step has 0 players.
 */
import type { Row } from '@gamepulse/store';
import type { ResolvedKpiParams } from '../types.ts';
import { assignmentsOf, inVariant } from './assignments.ts';
import type { RefData, RefEvent } from './reference-kpis.ts';

const MINUTE = 60_000;

interface Step {
  type: string;
  action: string;
  item: string;
}

function stepOf(key: string): Step {
  const [type = '', action = '', ...item] = key.split(':');
  return { type, action, item: item.join(':') };
}

const matches = (s: Step, e: RefEvent) => e.type === s.type && (!s.action || e.action === s.action) && (!s.item || e.item === s.item);

/** The assignments each event's step row carries (assignments.ts). */
function variants(events: readonly RefEvent[]): Map<RefEvent, string> {
  const out = new Map<RefEvent, string>();
  for (const [e, a] of assignmentsOf(events)) out.set(e, a.rollup);
  return out;
}

function lowerMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

export function referencePlayerFunnel(p: ResolvedKpiParams, data: RefData): Row[] {
  const steps = p.steps.map(stepOf);
  const events = data.events ?? [];
  const variantOf = variants(events);
  // Per (game, player): the earliest time of each step among the events in range.
  const firsts = new Map<string, Array<number | undefined>>();
  for (const e of events) {
    const window = Math.floor(e.tsMs / MINUTE) * MINUTE;
    if (window < p.fromMs || window >= p.toMs) continue;
    if (p.game !== undefined && e.gameId !== p.game) continue;
    if (p.platform !== undefined && e.platform !== p.platform) continue;
    if (p.country !== undefined && e.country !== p.country) continue;
    if (p.build !== undefined && e.build !== p.build) continue;
    if (!inVariant(variantOf.get(e)!, p.variant)) continue;
    const key = `${e.gameId}\u0000${e.playerId}`;
    steps.forEach((s, i) => {
      if (!matches(s, e)) return;
      let t = firsts.get(key);
      if (!t) firsts.set(key, (t = steps.map(() => undefined)));
      if (t[i] === undefined || e.tsMs < t[i]) t[i] = e.tsMs;
    });
  }
  const players = steps.map(() => 0);
  const gaps: number[][] = steps.map(() => []);
  for (const t of firsts.values()) {
    const t1 = t[0];
    if (t1 === undefined) continue;
    players[0]! += 1;
    for (let k = 1; k < steps.length; k++) {
      const tk = t[k];
      const prev = t[k - 1]!;
      if (tk === undefined || tk < prev || tk - t1 > p.windowMs) break;
      players[k]! += 1;
      gaps[k]!.push(tk - prev);
    }
  }
  return p.steps.map((key, k) => ({
    step: k + 1,
    step_key: key,
    players: players[k]!,
    conversion_from_previous: k === 0 || players[k - 1] === 0 ? null : players[k]! / players[k - 1]!,
    conversion_from_first: players[0] === 0 ? null : players[k]! / players[0]!,
    median_ms_from_previous: k === 0 ? null : lowerMedian(gaps[k]!),
  }));
}
