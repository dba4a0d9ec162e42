/**
 * `<dir>/topics.json`: the topics and their partition counts, replaced atomically.
 * Only the writer process changes it; readers re-read it to learn new topics.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopicSpec } from '../types.ts';
import { EmbeddedLogError } from './errors.ts';
import { isErrno, writeFileAtomic } from './fs-util.ts';

export const TOPICS_FILE = 'topics.json';
/** Names used by the log itself at the top of its directory. */
const RESERVED = new Set(['groups', TOPICS_FILE, 'writer.lock']);
/** Kafka's legal topic characters and length (a topic is a directory name here too). */
const LEGAL = /^[A-Za-z0-9._-]{1,249}$/;

interface TopicsFileV1 {
  version: 1;
  topics: TopicSpec[];
}

export function checkTopicSpec(spec: TopicSpec): void {
  if (typeof spec?.name !== 'string' || !LEGAL.test(spec.name) || spec.name === '.' || spec.name === '..' || RESERVED.has(spec.name))
    throw new TypeError(
      `invalid topic name ${JSON.stringify(spec?.name)}: use 1-249 of [A-Za-z0-9._-], not "." / ".." / ${[...RESERVED].join(' / ')}`,
    );
  if (!Number.isInteger(spec.partitions) || spec.partitions < 1 || spec.partitions > 10_000)
    throw new TypeError(`invalid partition count ${spec.partitions} for topic ${spec.name}: an integer in [1, 10000]`);
}

/** The topics in `dir`, by name; empty when the file does not exist yet. */
export async function readTopics(dir: string): Promise<Map<string, number>> {
  const path = join(dir, TOPICS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return new Map();
    throw err;
  }
  let parsed: TopicsFileV1;
  try {
    parsed = JSON.parse(text) as TopicsFileV1;
    if (parsed.version !== 1 || !Array.isArray(parsed.topics)) throw new Error(`unsupported version ${String(parsed.version)}`);
    for (const t of parsed.topics) checkTopicSpec(t);
  } catch (err) {
    throw new EmbeddedLogError('GP_LOG_CORRUPT', `${path} is not a valid topics file: ${(err as Error).message}`, { cause: err });
  }
  return new Map(parsed.topics.map((t) => [t.name, t.partitions]));
}

export async function writeTopics(dir: string, topics: ReadonlyMap<string, number>, durable: boolean): Promise<void> {
  const file: TopicsFileV1 = { version: 1, topics: [...topics].map(([name, partitions]) => ({ name, partitions })) };
  await writeFileAtomic(join(dir, TOPICS_FILE), JSON.stringify(file, null, 2) + '\n', durable);
}
