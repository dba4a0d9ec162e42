/**
 * Child process of log/test/integration/embedded-disk-full.test.ts, started under
 * `ulimit -f` so that the segment file cannot grow past a few KiB: writes then come back
 * short (EFBIG; Node ignores SIGXFSZ), as on a full disk. Appends 3 KiB records until
 * one fails, then a small one that fits, and prints what happened as one JSON line.
 */
import { stat } from 'node:fs/promises';
import { openEmbeddedLog } from '../embedded-log.ts';
import { partitionDir, segmentPath } from '../segment-files.ts';

const dir = process.env.GP_DIR!;
const log = await openEmbeddedLog({ dir });
await log.ensureTopics([{ name: 't', partitions: 1 }]);
const producer = log.producer();
const segment = segmentPath(partitionDir(dir, 't', 0), 0);
const okOffsets: number[] = [];
let failure: unknown;
let sizeBeforeFailure = -1;
for (let i = 0; i < 1000 && failure === undefined; i++) {
  const before = (await stat(segment)).size;
  const r = await producer.append('t', [{ key: 'k', value: Buffer.alloc(3000, i & 0xff) }]);
  if (r.ok) okOffsets.push(r.placements[0]!.offset);
  else {
    failure = r;
    sizeBeforeFailure = before;
  }
}
const sizeAfterFailure = (await stat(segment)).size;
const small = await producer.append('t', [{ key: 'k', value: Buffer.from('small') }]);
const health = await log.health();
await log.close();
process.stdout.write(JSON.stringify({ okOffsets, failure, sizeBeforeFailure, sizeAfterFailure, small, health }) + '\n');
