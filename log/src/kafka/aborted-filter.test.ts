import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileFunction } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { abortedFilterFixInstalled, filterAbortedMessages } from './aborted-filter.ts';

const ABORT = Buffer.from([0, 0, 0, 0]);
const msg = (offset: number, producerId: string, opts: { abort?: boolean; inTransaction?: boolean } = {}) => ({
  offset: String(offset),
  key: opts.abort ? ABORT : Buffer.from(`k${offset}`),
  batchContext: { producerId, inTransaction: opts.inTransaction ?? true },
});

describe('log/kafka/aborted-filter', () => {
  // Producers A and B interleave; both abort, B's marker first — so the broker lists B
  // (first offset 2) before A (first offset 1). C commits in between.
  const messages = [
    msg(1, 'A'),
    msg(2, 'B'),
    msg(3, 'C'),
    msg(4, 'A'),
    msg(5, 'B'),
    msg(6, 'B', { abort: true }),
    msg(7, 'C'),
    msg(8, 'A', { abort: true }),
    msg(9, 'A'),
  ];
  const abortedTransactions = [
    { firstOffset: '2', producerId: 'B' },
    { firstOffset: '1', producerId: 'A' },
  ];

  it('drops every record of every aborted transaction, whatever order the broker lists them in', () => {
    const kept = filterAbortedMessages({ messages, abortedTransactions }).map((m) => Number(m.offset));
    expect(kept).toEqual([3, 6, 7, 8, 9]); // markers stay (kafkajs drops control records itself)
  });

  it("kafkajs 2.2.4's own filter lets the earlier-started aborted transaction through (the bug this fixes)", () => {
    const require = createRequire(import.meta.url);
    const path = require.resolve('kafkajs/src/consumer/filterAbortedMessages.js');
    // The module cache holds our function now; evaluate kafkajs's own source to show the bug.
    expect(require(path)).toBe(filterAbortedMessages);
    expect(abortedFilterFixInstalled).toBe(true);
    const mod = { exports: undefined as unknown };
    const load = compileFunction(readFileSync(path, 'utf8'), ['module', 'require'], { filename: path }) as (
      module: typeof mod,
      require: NodeJS.Require,
    ) => void;
    load(mod, createRequire(path));
    const kafkajsFilter = mod.exports as typeof filterAbortedMessages;
    const kept = kafkajsFilter({ messages, abortedTransactions }).map((m) => Number(m.offset));
    expect(kept).toContain(1); // A's aborted record at offset 1 is delivered
  });

  it('activates transactions that started before the fetch offset', () => {
    const kept = filterAbortedMessages({
      messages: [msg(10, 'B'), msg(11, 'A'), msg(12, 'C')],
      abortedTransactions: [
        { firstOffset: '5', producerId: 'B' },
        { firstOffset: '3', producerId: 'A' },
      ],
    });
    expect(kept.map((m) => Number(m.offset))).toEqual([12]);
  });
});
