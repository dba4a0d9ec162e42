import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The proto root (this package) and the schema files, relative to it. */
export const protoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const protoFiles = ['event.proto', 'batch.proto', 'collector.proto', 'topics.proto'].map((f) => `gamepulse/v1/${f}`);
export const baselineFile = join(protoRoot, 'baseline', 'gamepulse.v1.json');
