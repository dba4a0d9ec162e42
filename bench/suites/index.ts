/** Every benchmark suite, in the order they run. */
import type { BenchSuite } from '../types.ts';
import { kafkaPipelineSuite } from '../../processor/bench/kafka-suite.ts';
import { druidQuerySuite } from '../../druid/bench/suite.ts';
import { pipelineEmbeddedSuite } from './pipeline-embedded.ts';

export const suites: BenchSuite[] = [pipelineEmbeddedSuite, kafkaPipelineSuite, druidQuerySuite];
