/**
 * The journal of queued events for Node (`<dir>/journal.v1.log`): what lets a game
 * server's crash lose none of the events tracked since the last frozen batch.
 *
 * An append-only file of framed records, each `[u32 length][u32 crc32][payload]`
 * (little-endian): payload kind 1 is an entry (a JSON header — id, owner, lane, session
 * — then the encoded event), kind 2 forgets ids (frozen into a stored batch, or dropped
 * from the queue). Every append is fdatasync'ed before it resolves, so what the SDK was
 * told is journaled survives a crash. A crash mid-append leaves a torn record at the
 * end: loading stops at the first record that is short or fails its checksum, and
 * truncates the file there — it is never served.
 *
 * The file does not grow without bound: when nothing live is left it is truncated to
 * zero, and when it holds more than `COMPACT_MIN_BYTES` and four times the live bytes it
 * is rewritten with the live entries only (to a temporary file, fsynced, renamed).
 *
 * The journal is one writer's (the directory is locked to one process, lock-file.ts)
 * and its calls come one at a time (core/persistence.ts), so there is no locking here.
 */
import { open, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { JournalEntry } from '../core/storage.ts';
import { fsyncDir } from './fsync-dir.ts';

export const JOURNAL_FILE = 'journal.v1.log';
const FRAME_HEADER_BYTES = 8;
const KIND_ENTRY = 1;
const KIND_FORGET = 2;
/** Below this the file is never rewritten: a small file costs nothing. */
const COMPACT_MIN_BYTES = 1 << 20;
/** A record larger than this cannot be ours (events are capped far below): corruption. */
const MAX_RECORD_BYTES = 16 << 20;

export interface FileJournal {
  /** Reads the journal (dropping a torn tail) and opens it for appending; later calls do nothing. */
  open(): Promise<void>;
  /** The live entries (appended and not forgotten). */
  entries(): JournalEntry[];
  append(entries: readonly JournalEntry[]): Promise<void>;
  forget(ids: readonly string[]): Promise<void>;
  /** Empties the journal. */
  clear(): Promise<void>;
  close(): Promise<void>;
  /** Size of the file as this journal wrote it (tests, compaction). */
  fileBytes(): number;
}

export interface FileJournalOptions {
  /** fdatasync each append. @default true */
  fsync?: boolean;
  /** Told when a torn or corrupt tail was cut off (bytes dropped). */
  onTruncated?: (path: string, droppedBytes: number) => void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function frame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, payload.length, true);
  view.setUint32(4, crc32(payload), true);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

function entryRecord(e: JournalEntry): Uint8Array {
  const header = encoder.encode(JSON.stringify({ id: e.id, owner: e.owner, lane: e.lane, sid: e.sid }));
  const payload = new Uint8Array(1 + 4 + header.length + e.bytes.length);
  payload[0] = KIND_ENTRY;
  new DataView(payload.buffer).setUint32(1, header.length, true);
  payload.set(header, 5);
  payload.set(e.bytes, 5 + header.length);
  return frame(payload);
}

function forgetRecord(ids: readonly string[]): Uint8Array {
  const body = encoder.encode(JSON.stringify(ids));
  const payload = new Uint8Array(1 + body.length);
  payload[0] = KIND_FORGET;
  payload.set(body, 1);
  return frame(payload);
}

function isEntryHeader(x: unknown): x is Omit<JournalEntry, 'bytes'> {
  const h = x as Record<string, unknown> | null;
  return !!h && typeof h.id === 'string' && typeof h.owner === 'string' && typeof h.lane === 'number' && typeof h.sid === 'string';
}

/** Applies the file's records in order; returns the live entries and where the valid part ends. */
export function replay(bytes: Uint8Array): { live: Map<string, JournalEntry>; validBytes: number } {
  const live = new Map<string, JournalEntry>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + FRAME_HEADER_BYTES <= bytes.length) {
    const length = view.getUint32(at, true);
    const end = at + FRAME_HEADER_BYTES + length;
    if (length === 0 || length > MAX_RECORD_BYTES || end > bytes.length) break;
    const payload = bytes.subarray(at + FRAME_HEADER_BYTES, end);
    if (crc32(payload) !== view.getUint32(at + 4, true)) break;
    try {
      if (payload[0] === KIND_ENTRY) {
        const headerLength = new DataView(payload.buffer, payload.byteOffset + 1, 4).getUint32(0, true);
        const header: unknown = JSON.parse(decoder.decode(payload.subarray(5, 5 + headerLength)));
        if (!isEntryHeader(header)) break;
        live.set(header.id, {
          id: header.id,
          owner: header.owner,
          lane: header.lane,
          sid: header.sid,
          bytes: payload.slice(5 + headerLength),
        });
      } else if (payload[0] === KIND_FORGET) {
        const ids: unknown = JSON.parse(decoder.decode(payload.subarray(1)));
        if (!Array.isArray(ids)) break;
        for (const id of ids) live.delete(String(id));
      } else break;
    } catch {
      break; // a checksum-valid record we cannot read: treat as the end, like a torn one
    }
    at = end;
  }
  return { live, validBytes: at };
}

export function createFileJournal(dir: string, options: FileJournalOptions = {}): FileJournal {
  const path = join(dir, JOURNAL_FILE);
  const doSync = options.fsync ?? true;
  const live = new Map<string, JournalEntry>();
  let liveBytes = 0;
  let size = 0;
  let handle: FileHandle | undefined;
  let opened: Promise<void> | undefined;
  let rewrites = 0;

  const track = (e: JournalEntry, add: boolean) => {
    liveBytes += (add ? 1 : -1) * (e.bytes.length + 64);
  };

  async function write(bytes: Uint8Array): Promise<void> {
    await (opened ??= openAndReplay());
    await handle!.write(bytes, 0, bytes.length, size);
    size += bytes.length;
    if (doSync) await handle!.datasync();
  }

  /** Replaces the file with the live entries only (or empties it). */
  async function compact(): Promise<void> {
    if (live.size === 0) {
      await handle!.truncate(0);
      if (doSync) await handle!.datasync();
      size = 0;
      return;
    }
    const bytes = Buffer.concat([...live.values()].map(entryRecord));
    const temp = `${path}.${process.pid}.${rewrites++}.tmp`;
    const out = await open(temp, 'w');
    try {
      await out.writeFile(bytes);
      if (doSync) await out.sync();
    } finally {
      await out.close();
    }
    await rename(temp, path);
    if (doSync) await fsyncDir(dir);
    await handle!.close();
    handle = await open(path, 'r+');
    size = bytes.length;
  }

  async function openAndReplay(): Promise<void> {
    await open(path, 'a').then((h) => h.close()); // create it if missing
    handle = await open(path, 'r+');
    const bytes = new Uint8Array(await handle.readFile());
    const { live: found, validBytes } = replay(bytes);
    live.clear();
    liveBytes = 0;
    for (const [id, e] of found) {
      live.set(id, e);
      track(e, true);
    }
    size = bytes.length;
    if (validBytes < bytes.length) {
      options.onTruncated?.(path, bytes.length - validBytes);
      await handle.truncate(validBytes);
      if (doSync) await handle.datasync();
      size = validBytes;
    }
    if (size > COMPACT_MIN_BYTES && size > 4 * liveBytes) await compact();
  }

  return {
    open: () => (opened ??= openAndReplay()),
    entries: () => [...live.values()],
    async append(entries) {
      if (entries.length === 0) return;
      for (const e of entries) {
        if (!live.has(e.id)) track(e, true);
        live.set(e.id, e);
      }
      await write(Buffer.concat(entries.map(entryRecord)));
    },
    async forget(ids) {
      let any = false;
      for (const id of ids) {
        const e = live.get(id);
        if (!e) continue;
        live.delete(id);
        track(e, false);
        any = true;
      }
      if (!any) return;
      if (live.size === 0 || (size > COMPACT_MIN_BYTES && size > 4 * liveBytes)) return compact();
      await write(forgetRecord(ids));
    },
    async clear() {
      await (opened ??= openAndReplay());
      live.clear();
      liveBytes = 0;
      await compact();
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
    fileBytes: () => size,
  };
}
