/**
 * The processor's dead letters in the DuckDB store (embedded mode), as the batches they
 * hold: a `GP_PROCESSOR_BATCH_TOO_OLD` dead letter's `raw` is the IngestedBatch record.
 */
import { openDuckDbStore } from '@gamepulse/store';
import { IngestedBatch } from '@gamepulse/proto';

export async function deadLetteredBatches(storePath: string): Promise<{ codes: string[]; batches: string[] }> {
  const store = await openDuckDbStore({ path: storePath });
  try {
    const rows = (await store.sql(`SELECT code, raw FROM dead_letters WHERE source = 'processor'`)) as Array<{ code: string; raw: string }>;
    const batches: string[] = [];
    for (const r of rows) {
      if (r.code !== 'GP_PROCESSOR_BATCH_TOO_OLD') continue;
      const b = IngestedBatch.decode(Buffer.from(r.raw, 'base64')); // store.sql returns BLOBs as base64
      batches.push(`${b.installId}/${b.batchSequence}`);
    }
    return { codes: rows.map((r) => r.code), batches };
  } finally {
    await store.close();
  }
}
