/** Every benchmark suite, in the order they run (embedded first, then the ones that start engines). */
import type { BenchSuite } from '../types.ts';
import { sdkSuite } from '../../sdk/bench/suite.ts';
import { collectorSuite } from '../../collector/bench/suite.ts';
import { kafkaPipelineSuite } from '../../processor/bench/kafka-suite.ts';
import { druidQuerySuite } from '../../druid/bench/suite.ts';
import { duckdbQuerySuite } from '../../druid/bench/duckdb-suite.ts';
import { consoleSuite } from '../../api/bench/console-suite.ts';
import { pipelineEmbeddedHourSuite, pipelineEmbeddedSuite } from './pipeline-embedded.ts';

export const suites: BenchSuite[] = [
  pipelineEmbeddedSuite,
  pipelineEmbeddedHourSuite,
  sdkSuite,
  collectorSuite,
  duckdbQuerySuite,
  consoleSuite,
  kafkaPipelineSuite,
  druidQuerySuite,
];
