/**
 * read_committed filtering of aborted transactions, fixed for kafkajs 2.2.4.
 *
 * kafkajs (src/consumer/filterAbortedMessages.js) walks a fetched partition's messages
 * and activates the fetch response's aborted transactions in LIST order, at most ONE
 * per message. The broker lists them in the order of their abort markers (the
 * partition's transaction index), not by first offset. With several transactional
 * producers writing one partition — our processors: one producer per input partition,
 * all writing the rollups topic — an aborted transaction that started earlier but was
 * aborted later is never activated while a later-starting one is pending, and its
 * records are DELIVERED to a read_committed consumer. Seen as an over-count after a
 * processor kill -9 (the new owner's InitProducerId aborts the dead one's open
 * transactions, which interleave with the others').
 *
 * The fix is the Java client's algorithm (Fetcher's abortedTransactions priority
 * queue): order aborted transactions by first offset, and before each message activate
 * EVERY transaction that started at or before it; a producer's abort marker ends it.
 */
import { createRequire } from 'node:module';

export interface AbortedTransaction {
  firstOffset: string;
  producerId: string;
}

interface FetchedMessage {
  offset: string;
  key?: Buffer | null;
  batchContext: { producerId: string; inTransaction: boolean };
}

/** Control record key of an ABORT marker: version 0, type 0 (KIP-98). */
const ABORT_MARKER_KEY = Buffer.from([0, 0, 0, 0]);

function isAbortMarker(m: FetchedMessage): boolean {
  return !!m.key && Buffer.from(m.key).equals(ABORT_MARKER_KEY);
}

export function filterAbortedMessages<M extends FetchedMessage>({
  messages,
  abortedTransactions,
}: {
  messages: M[];
  abortedTransactions?: AbortedTransaction[];
}): M[] {
  if (!abortedTransactions || abortedTransactions.length === 0) return messages;
  const pending = [...abortedTransactions].sort((a, b) =>
    BigInt(a.firstOffset) < BigInt(b.firstOffset) ? -1 : BigInt(a.firstOffset) > BigInt(b.firstOffset) ? 1 : 0,
  );
  const aborted = new Set<string>();
  return messages.filter((m) => {
    const offset = BigInt(m.offset);
    while (pending.length > 0 && offset >= BigInt(pending[0]!.firstOffset)) aborted.add(String(pending.shift()!.producerId));
    const producerId = String(m.batchContext.producerId);
    if (isAbortMarker(m)) {
      aborted.delete(producerId);
      return true; // a control record: kafkajs drops those itself
    }
    return !(m.batchContext.inTransaction && aborted.has(producerId));
  });
}

const require = createRequire(import.meta.url);

/**
 * Replaces kafkajs's filter in the module cache. Must run before kafkajs's
 * consumer/batch.js is first loaded (it captures the filter at load time): this module
 * is imported first by @gamepulse/log's index. Returns whether the fix is in effect.
 */
export function installAbortedFilterFix(): boolean {
  const filterPath = require.resolve('kafkajs/src/consumer/filterAbortedMessages.js');
  const batchPath = require.resolve('kafkajs/src/consumer/batch.js');
  if (require.cache[batchPath] && require.cache[filterPath]?.exports !== filterAbortedMessages) return false;
  require(filterPath);
  require.cache[filterPath]!.exports = filterAbortedMessages;
  return true;
}

export const abortedFilterFixInstalled = installAbortedFilterFix();
