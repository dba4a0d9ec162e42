/** Small durable-filesystem helpers shared by the embedded log's files. */
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * fsync a directory so that entries created, renamed or removed in it survive a crash
 * (POSIX only makes the file's own data durable with fsync on the file).
 */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

let tmpCounter = 0;

/**
 * Replaces `path` with `data` atomically: write a temp file beside it, fsync it, rename
 * over the target, fsync the directory. A reader sees the old or the new content,
 * never a mix, and after a crash one of the two is there. `durable = false` skips the
 * fsyncs (still atomic against crashes of the process, not of the OS).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, durable: boolean): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tmpCounter}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    if (durable) await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  if (durable) await fsyncDir(dirname(path));
}

export function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}
