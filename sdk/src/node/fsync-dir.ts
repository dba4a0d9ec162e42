/**
 * fsync of a directory: a rename (or a new file) is only durable once its directory
 * entry is (fsync(2): "Calling fsync() does not necessarily ensure that the entry in
 * the directory containing the file has also reached disk").
 */
import { open } from 'node:fs/promises';

export async function fsyncDir(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename still happened.
  } finally {
    await handle?.close();
  }
}
