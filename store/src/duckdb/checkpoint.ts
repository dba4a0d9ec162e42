/** Reads what a consumer restarts from: its committed positions and state. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Checkpoint, Position, StateEntry } from '../contracts.ts';
import { int, textCell } from './values.ts';

export async function readCheckpoint(
  conn: DuckDBConnection,
  consumer: string,
  partitions: readonly number[] | undefined,
): Promise<Checkpoint> {
  if (partitions && partitions.length === 0) return { positions: [], state: [] };
  const values: Array<string | number> = [consumer];
  let filter = '';
  if (partitions) {
    // Integers validated here are safe to inline; a list of parameters would work as well.
    filter = ` AND "partition" IN (${partitions.map((p) => int(p, 'partition').toString()).join(', ')})`;
  }
  const positionsReader = await conn.runAndReadAll(
    `SELECT topic, "partition", next_offset FROM positions WHERE consumer = $1${filter} ORDER BY topic, "partition"`,
    values,
  );
  const positions: Position[] = positionsReader.getRowsJS().map(([topic, partition, offset]) => ({
    topic: textCell(topic, 'topic'),
    partition: Number(partition),
    offset: Number(offset),
  }));
  const stateReader = await conn.runAndReadAll(
    `SELECT "partition", namespace, key, value FROM processor_state WHERE consumer = $1${filter}
     ORDER BY "partition", namespace, key`,
    values,
  );
  const state: StateEntry[] = stateReader.getRowsJS().map(([partition, namespace, key, value]) => ({
    partition: Number(partition),
    namespace: textCell(namespace, 'namespace'),
    key: textCell(key, 'key'),
    // DuckDB hands back a Buffer view; callers get a plain, owned Uint8Array.
    value: new Uint8Array(value as Uint8Array),
  }));
  return { positions, state };
}
