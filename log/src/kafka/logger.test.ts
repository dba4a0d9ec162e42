import { describe, expect, it } from 'vitest';
import { logLevel } from 'kafkajs';
import { kafkajsLogCreator, ScopedLogger, type KafkaLogEntry } from './logger.ts';

describe('log/src/kafka/logger', () => {
  const capture = (min: 'debug' | 'warn') => {
    const lines: KafkaLogEntry[] = [];
    const log = kafkajsLogCreator((e) => lines.push(e), min)(logLevel.DEBUG);
    return { lines, log };
  };
  const entry = (level: logLevel, message: string, extra: Record<string, unknown> = {}) => ({
    namespace: 'Cluster',
    level,
    label: 'ERROR',
    log: { timestamp: 't', logger: 'kafkajs', message, ...extra },
  });

  it('demotes the known benign coordinator/transaction errors to debug, keeps real errors', () => {
    const { lines, log } = capture('warn');
    log(
      entry(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', {
        error: "The coordinator is loading and hence can't process requests",
      }),
    );
    log(
      entry(logLevel.ERROR, 'Response AddPartitionsToTxn', {
        error: 'There is a newer producer with the same transactionalId which fences the current one',
      }),
    );
    log(entry(logLevel.ERROR, 'Failed to send messages: Connection error', { retryCount: 1 }));
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['error', 'Response AddPartitionsToTxn'],
      ['error', 'Failed to send messages: Connection error'],
    ]);
    expect(lines[1]!.fields).toEqual({ retryCount: 1 });
  });

  it('passes benign lines at debug when asked for debug; ScopedLogger filters by level', () => {
    const { lines, log } = capture('debug');
    log(entry(logLevel.ERROR, 'x', { error: 'Another concurrent operation on the same transaction' }));
    expect(lines[0]!.level).toBe('debug');
    const ours: KafkaLogEntry[] = [];
    const s = new ScopedLogger((e) => ours.push(e), 'info');
    s.debug('no');
    s.info('yes', { a: 1 });
    expect(ours).toEqual([{ level: 'info', namespace: 'KafkaLog', message: 'yes', fields: { a: 1 } }]);
  });
});
