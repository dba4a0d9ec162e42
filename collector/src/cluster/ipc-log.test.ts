import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { LogProducer } from '@gamepulse/log';
import { openTempLog, readTopic } from '@gamepulse/testkit';
import { createIpcLog, serveLogOverIpc, type IpcChannel } from './ipc-log.ts';

/** Two connected channel ends; messages are structured-cloned as Node's "advanced" IPC serialization does. */
function channelPair(): { primary: IpcChannel & EventEmitter; worker: IpcChannel & EventEmitter; disconnect(): void; hold: boolean } {
  const primary = new EventEmitter() as IpcChannel & EventEmitter;
  const worker = new EventEmitter() as IpcChannel & EventEmitter;
  const state = { hold: false, disconnected: false };
  primary.send = (m) => {
    if (state.disconnected) throw new Error('channel closed');
    if (!state.hold) setImmediate(() => worker.emit('message', structuredClone(m)));
    return true;
  };
  worker.send = (m) => {
    if (state.disconnected) throw new Error('channel closed');
    setImmediate(() => primary.emit('message', structuredClone(m)));
    return true;
  };
  return {
    primary,
    worker,
    disconnect() {
      state.disconnected = true;
      worker.emit('disconnect');
    },
    get hold() {
      return state.hold;
    },
    set hold(v: boolean) {
      state.hold = v;
    },
  };
}

describe('collector/cluster/ipc-log', () => {
  it('a worker append resolves only with the primary’s durable result; the records are in the real log', async () => {
    const temp = await openTempLog();
    try {
      const pair = channelPair();
      serveLogOverIpc(temp.log, pair.primary);
      const log = createIpcLog(pair.worker);
      await log.ensureTopics([{ name: 't', partitions: 2 }]);
      const r = await log.producer().append('t', [{ key: 'a', value: new Uint8Array([1, 2, 3]) }]);
      expect(r).toMatchObject({ ok: true, placements: [{ offset: 0 }] });
      expect((await log.health()).ok).toBe(true);
      const records = await readTopic(temp.log, 't');
      expect(records.map((x) => [x.key, [...x.value]])).toEqual([['a', [1, 2, 3]]]);
    } finally {
      await temp.dispose();
    }
  });

  it('log failures travel back as values; a primary that goes away fails pending appends (never an ack)', async () => {
    const temp = await openTempLog();
    try {
      const pair = channelPair();
      const failing = {
        ...temp.log,
        producer: (): LogProducer => ({ append: async () => ({ ok: false, code: 'GP_LOG_TIMEOUT', message: 'slow', retryable: true }) }),
      };
      serveLogOverIpc(failing, pair.primary);
      const log = createIpcLog(pair.worker);
      expect(await log.producer().append('t', [{ key: 'a', value: new Uint8Array(1) }])).toMatchObject({
        ok: false,
        code: 'GP_LOG_TIMEOUT',
        retryable: true,
      });

      pair.hold = true; // the primary's replies never arrive
      const pending = log.producer().append('t', [{ key: 'a', value: new Uint8Array(1) }]);
      await new Promise((r) => setTimeout(r, 20));
      pair.disconnect();
      expect(await pending).toMatchObject({ ok: false, code: 'GP_LOG_UNAVAILABLE', retryable: true });
      expect(await log.producer().append('t', [])).toMatchObject({ ok: false, code: 'GP_LOG_UNAVAILABLE' });
      expect(() => log.consumer({ groupId: 'g', topics: ['t'] })).toThrow(/primary owns the log/);
    } finally {
      await temp.dispose();
    }
  });
});
