/**
 * The distributions the A/B statistics need, from jStat (no hand-written CDFs): the
 * standard normal, Student's t and chi-square, as two-sided / upper-tail p-values and
 * quantiles. Tails are taken as `cdf(-|x|)`, not `1 - cdf(|x|)`, so small p-values keep
 * their precision.
 */
import jstat from 'jstat';

const { jStat } = jstat;

/** Two-sided p-value of a standard-normal statistic: 2·Φ(−|z|). */
export function normalTwoSided(z: number): number {
  return Math.min(1, 2 * jStat.normal.cdf(-Math.abs(z), 0, 1));
}

/** The standard normal quantile Φ⁻¹(p), e.g. 1.959964 for p = 0.975. */
export function normalQuantile(p: number): number {
  return jStat.normal.inv(p, 0, 1);
}

/** Two-sided p-value of a Student t statistic with `dof` degrees of freedom: 2·T(−|t|; dof). */
export function studentTTwoSided(t: number, dof: number): number {
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), dof));
}

/** The Student t quantile with `dof` degrees of freedom. */
export function studentTQuantile(p: number, dof: number): number {
  return jStat.studentt.inv(p, dof);
}

/** Upper-tail p-value of a chi-square statistic: P(X² ≥ x) with `dof` degrees of freedom. */
export function chiSquareUpperTail(x: number, dof: number): number {
  return Math.max(0, 1 - jStat.chisquare.cdf(x, dof));
}
