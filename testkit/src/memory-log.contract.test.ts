/** The `MemoryLog` stand-in passes the `Log` contract that the embedded log and Kafka pass. */
import { describeLogContract } from './contracts/log-contract.ts';
import { MemoryLog } from './memory-log.ts';

describeLogContract('MemoryLog (stand-in)', async () => {
  const log = new MemoryLog();
  return { log, cleanup: () => log.close() };
});
