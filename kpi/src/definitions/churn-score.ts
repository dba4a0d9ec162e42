/**
 * The churn score's windows and its at-risk condition, shared by churn_risk's two SQL
 * shapes (churn.ts: one branch per day; churn-days.ts: one pass per week of days) and
 * at_risk_players. kpi/README.md "Metric definitions" gives the reasoning.
 */
import { intLiteral } from '../sql.ts';

/** The recent week: sessions and purchases "this week". */
export const CHURN_WEEK_DAYS = 7;
/** Weeks before the recent one whose average is the player's baseline. */
export const CHURN_BASELINE_WEEKS = 3;
/** How far back the score reads; a player with no session in it is not scored. */
export const CHURN_LOOKBACK_DAYS = CHURN_WEEK_DAYS * (1 + CHURN_BASELINE_WEEKS);

/** Per-player sums a score needs, in the order the SQL returns them. */
export interface ScoreSums {
  /** sessions in the recent week, in the 3 weeks before it, in the last lapsedDays */
  sWeek: string;
  sBase: string;
  sRecent: string;
  pWeek: string;
  pBase: string;
}

/** The at-risk condition over the sums (or their column names). */
export function riskCondition(s: ScoreSums): string {
  return `(${intLiteral(2 * CHURN_BASELINE_WEEKS)} * ${s.sWeek} < ${s.sBase} OR (${s.pBase} > 0 AND ${s.pWeek} = 0))`;
}
