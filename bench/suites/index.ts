/** Every benchmark suite, in the order they run. */
import type { BenchSuite } from '../types.ts';
import { pipelineEmbeddedSuite } from './pipeline-embedded.ts';

export const suites: BenchSuite[] = [pipelineEmbeddedSuite];
