/**
 * Child process of the crash and cross-process tests (log/test/integration/embedded-*):
 * opens the embedded log in GP_DIR and appends `recordFor(id)` records from several
 * concurrent appenders with fsync on, printing one JSON line per ACKNOWLEDGED append to
 * stdout (a pipe: synchronous on Linux, so a line printed is a line the parent gets even
 * if this process is SIGKILLed right after). Runs until killed, or until GP_MAX_APPENDS
 * appends were acknowledged, then closes the log and prints {"t":"done"}.
 *
 * Lines: {"t":"log",level,msg,fields} | {"t":"ready"} | {"t":"ack",ids,placements,atMs} | {"t":"fail",code} | {"t":"done"}
 */
import { openEmbeddedLog } from '../embedded-log.ts';
import { recordFor } from './workload.ts';

const dir = process.env.GP_DIR!;
const topic = process.env.GP_TOPIC ?? 'events';
const partitions = Number(process.env.GP_PARTITIONS ?? 3);
const prefix = process.env.GP_ID_PREFIX ?? 'r0';
const appenders = Number(process.env.GP_APPENDERS ?? 8);
const maxAppends = Number(process.env.GP_MAX_APPENDS ?? Infinity);
const segmentBytes = Number(process.env.GP_SEGMENT_BYTES ?? 256 * 1024);

const out = (line: unknown) => process.stdout.write(JSON.stringify(line) + '\n');
const logLine = (level: string) => (msg: string, fields?: Record<string, unknown>) => out({ t: 'log', level, msg, fields });

const log = await openEmbeddedLog({ dir, segmentBytes, logger: { info: logLine('info'), warn: logLine('warn'), error: logLine('error') } });
await log.ensureTopics([{ name: topic, partitions }]);
const producer = log.producer();
out({ t: 'ready' });

let acked = 0;
let started = 0;
await Promise.all(
  Array.from({ length: appenders }, async (_, a) => {
    for (let n = 0; started < maxAppends; n++) {
      started++;
      const count = 1 + ((n * 7 + a) % 4);
      const ids = Array.from({ length: count }, (_, m) => `${prefix}-a${a}-n${n}-m${m}`);
      const result = await producer.append(topic, ids.map(recordFor));
      if (!result.ok) {
        out({ t: 'fail', code: result.code, message: result.message });
        continue;
      }
      out({ t: 'ack', ids, placements: result.placements.map((p) => [p.partition, p.offset]), atMs: Date.now() });
      acked++;
    }
  }),
);
await log.close();
out({ t: 'done', acked });
