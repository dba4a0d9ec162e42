/**
 * A Node game server that crashes: run by node/file-storage.test.ts, which kills it
 * with SIGKILL. It tracks `count` design events (`test:crash`, value = n) against a
 * collector that is down (a closed port), so the first batch stays stored and the rest
 * wait in the queue (and its journal), prints `ready` once they are tracked and the
 * journal had time to land, then waits to be killed.
 *
 *   node --import tsx sdk/src/testing/crash-child.ts <storageDir> <count>
 */
import { createNodeGamepulse } from '../node/index.ts';

const [dir, countArg] = process.argv.slice(2);
const count = Number(countArg);
const gp = createNodeGamepulse({
  gameKey: 'test-key',
  endpoint: 'http://127.0.0.1:1',
  gameId: 'space_miner',
  platform: 'server',
  storageDir: dir!,
  flushIntervalMs: 50,
  maxBatchEvents: 40,
});
await gp.ready;
for (let n = 0; n < count; n++) {
  gp.design('test:crash', n);
  // A game loop: a few events per tick, so batches are cut while events keep coming.
  if (n % 10 === 9) await new Promise((r) => setTimeout(r, 5));
}
await new Promise((r) => setTimeout(r, 300)); // the last frame's journal append lands
process.stdout.write(`ready ${JSON.stringify(gp.stats())}\n`);
setInterval(() => undefined, 1_000); // stay alive until killed
