import { appendFileSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '@gamepulse/testkit';
import type { JournalEntry } from '../core/storage.ts';
import { createFileJournal, JOURNAL_FILE, replay } from './file-journal.ts';

const tmp = tempDirs('gp-sdk-journal-');
const tempDir = () => tmp.make();
afterEach(() => tmp.cleanup());

const entry = (i: number, size = 40): JournalEntry => ({
  id: `0190a6f0-0000-7000-8000-${String(i).padStart(12, '0')}`,
  owner: 'proc-1',
  lane: i % 3,
  sid: '0190a6f0-0000-7000-8000-00000000aaaa',
  bytes: new Uint8Array(size).fill(i & 0xff),
});

async function reopen(dir: string, onTruncated?: (path: string, dropped: number) => void) {
  const j = createFileJournal(dir, { fsync: false, ...(onTruncated ? { onTruncated } : {}) });
  await j.open();
  return j;
}

describe('node/file-journal', () => {
  it('gives back exactly the appended entries not forgotten, byte for byte, after a reopen', async () => {
    const dir = tempDir();
    const j = await reopen(dir);
    await j.append([entry(1), entry(2), entry(3)]);
    await j.append([entry(4)]);
    await j.forget([entry(2).id, 'not-journaled']);
    await j.close();
    const again = await reopen(dir);
    const got = again.entries().sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(got.map((e) => e.id)).toEqual([1, 3, 4].map((i) => entry(i).id));
    expect(
      got.map((e) => [e.owner, e.lane, e.sid, Buffer.from(e.bytes).equals(Buffer.from(entry(Number(e.id.slice(-12))).bytes))]),
    ).toEqual([1, 3, 4].map((i) => ['proc-1', i % 3, entry(i).sid, true]));
    await again.close();
  });

  it('drops a torn tail (a crash mid-append) and reports it; every whole record before it survives', async () => {
    const dir = tempDir();
    const j = await reopen(dir);
    await j.append([entry(1), entry(2)]);
    await j.close();
    const whole = statSync(join(dir, JOURNAL_FILE)).size;
    // The start of a third record: header promises more bytes than follow.
    const j2 = await reopen(dir);
    await j2.append([entry(3)]);
    await j2.close();
    truncateSync(join(dir, JOURNAL_FILE), whole + 20);
    const torn: number[] = [];
    const j3 = await reopen(dir, (_p, dropped) => torn.push(dropped));
    expect(torn).toEqual([20]);
    expect(
      j3
        .entries()
        .map((e) => e.id)
        .sort(),
    ).toEqual([entry(1).id, entry(2).id]);
    expect(statSync(join(dir, JOURNAL_FILE)).size).toBe(whole); // cut, never served
    await j3.append([entry(5)]); // appends continue after the cut
    await j3.close();
    expect(
      (await reopen(dir))
        .entries()
        .map((e) => e.id)
        .sort(),
    ).toEqual([entry(1).id, entry(2).id, entry(5).id]);
  });

  it('stops at a record whose checksum fails (a flipped byte), not past it', async () => {
    const dir = tempDir();
    const j = await reopen(dir);
    await j.append([entry(1)]);
    await j.append([entry(2)]);
    await j.close();
    const bytes = new Uint8Array(readFileSync(join(dir, JOURNAL_FILE)));
    const first = replay(bytes).validBytes;
    expect(first).toBe(bytes.length);
    const recordBytes = bytes.length / 2;
    bytes[recordBytes + 30] = bytes[recordBytes + 30]! ^ 0xff; // inside the second record's payload
    const { live, validBytes } = replay(bytes);
    expect([...live.keys()]).toEqual([entry(1).id]);
    expect(validBytes).toBe(recordBytes);
  });

  it('empties the file when nothing is live, and rewrites it when it is mostly forgotten entries', async () => {
    const dir = tempDir();
    const j = await reopen(dir);
    await j.append([entry(1), entry(2)]);
    await j.forget([entry(1).id, entry(2).id]);
    expect(statSync(join(dir, JOURNAL_FILE)).size).toBe(0);

    // 40 appends of 64 KiB each (2.5 MiB), one kept: forgetting the rest rewrites the file.
    for (let i = 10; i < 50; i++) await j.append([entry(i, 64 * 1024)]);
    expect(j.fileBytes()).toBeGreaterThan(2.5 * 1024 * 1024);
    await j.forget(Array.from({ length: 39 }, (_, k) => entry(10 + k).id));
    expect(j.fileBytes()).toBeLessThan(70 * 1024);
    expect(statSync(join(dir, JOURNAL_FILE)).size).toBe(j.fileBytes());
    await j.append([entry(99)]);
    await j.close();
    expect(
      (await reopen(dir))
        .entries()
        .map((e) => e.id)
        .sort(),
    ).toEqual([entry(49).id, entry(99).id]);
  });

  it('clear() empties it for good', async () => {
    const dir = tempDir();
    const j = await reopen(dir);
    await j.append([entry(1)]);
    await j.clear();
    await j.close();
    expect((await reopen(dir)).entries()).toEqual([]);
    appendFileSync(join(dir, JOURNAL_FILE), new Uint8Array([1, 2, 3])); // garbage shorter than a header
    expect((await reopen(dir)).entries()).toEqual([]);
  });
});
