/**
 * The part of jStat 1.9.6 (https://github.com/jstat/jstat) the A/B statistics use: the
 * normal, Student t and chi-square distributions. jStat ships no types and there is no
 * `@types/jstat`; the package is CommonJS (UMD), so it is imported as a default.
 */
declare module 'jstat' {
  interface Distribution1 {
    /** P(X ≤ x). */
    cdf(x: number, dof: number): number;
    /** The x with P(X ≤ x) = p. */
    inv(p: number, dof: number): number;
  }
  interface NormalDistribution {
    cdf(x: number, mean: number, sd: number): number;
    inv(p: number, mean: number, sd: number): number;
  }
  interface JStat {
    normal: NormalDistribution;
    studentt: Distribution1;
    chisquare: Distribution1;
  }
  const jstat: { jStat: JStat };
  export default jstat;
}
