import { defineConfig } from 'vitest/config';

const packages = [
  'proto',
  'service',
  'log',
  'sdk',
  'collector',
  'processor',
  'store',
  'kpi',
  'druid',
  'loader',
  'api',
  'alerts',
  'apps',
  'testkit',
  'samples',
  'grafana',
];

/**
 * Two projects: unit tests beside the code (`src/**\/*.test.ts`, fast, no engines) and
 * integration tests (`<pkg>/test/integration/**`) that start real engines — the
 * embedded pipeline, Kafka, Druid, Chromium. Integration files run one at a time: two
 * JVM engines at once do not fit a 2-core machine's time budget.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            ...packages.map((p) => `${p}/src/**/*.test.ts`),
            'scripts/**/*.test.ts',
            'test/architecture/**/*.test.ts',
            'test/analytics/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: [...packages.map((p) => `${p}/test/integration/**/*.test.ts`), 'test/integration/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
