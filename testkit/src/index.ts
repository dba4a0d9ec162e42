/**
 * @gamepulse/testkit — what tests share: seeded randomness, synthetic store rows, and
 * the stand-ins that pass the same contract suites as the real implementations.
 * Test-only: libraries list it in devDependencies, never in dependencies.
 */
export { seededRandom, type Random } from './random.ts';
export { MINUTE_MS, DAY_MS, GAMES, BUILDS, PLATFORMS, COUNTRIES, CURRENCIES, VIRTUAL, LEVELS, VARIANTS, EVENT_TYPES, type DataShape, randomRollup, randomPlayerWindow, randomRollups, randomPlayerWindows } from './rollup-data.ts';
