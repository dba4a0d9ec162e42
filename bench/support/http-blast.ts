/**
 * Replays captured batches over HTTP keep-alive with a fixed number in flight, in an
 * order that keeps each install's batches in sequence (as one SDK would send them).
 */
import { Agent, request } from 'node:http';
import type { CapturedBatch } from './batches.ts';

export interface BlastResult {
  sentBatches: number;
  ackedEvents: number;
  failures: number;
  firstSendAt: number;
  lastAckAt: number;
  ackLatencyMs: number[];
}

function post(agent: Agent, port: number, key: string, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: '127.0.0.1', port, path: '/v1/batch', method: 'POST', headers: { 'x-gamepulse-key': key, 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip', 'content-length': body.length, accept: 'application/x-protobuf' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function blast(batches: CapturedBatch[], opts: { port: number; key: string; inFlight: number }): Promise<BlastResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.inFlight });
  // Lanes by install: a lane sends its installs' batches in order.
  const lanes: CapturedBatch[][] = Array.from({ length: opts.inFlight }, () => []);
  const laneOf = new Map<string, number>();
  for (const b of batches) {
    let lane = laneOf.get(b.installId);
    if (lane === undefined) laneOf.set(b.installId, (lane = laneOf.size % opts.inFlight));
    lanes[lane]!.push(b);
  }
  const result: BlastResult = { sentBatches: 0, ackedEvents: 0, failures: 0, firstSendAt: Date.now(), lastAckAt: 0, ackLatencyMs: [] };
  await Promise.all(
    lanes.map(async (lane) => {
      for (const b of lane) {
        for (let attempt = 0; ; attempt++) {
          const t0 = performance.now();
          const res = await post(agent, opts.port, opts.key, b.gzipped).catch(() => ({ status: 0, body: '' }));
          if (res.status === 200) {
            result.ackLatencyMs.push(performance.now() - t0);
            result.ackedEvents += b.events;
            result.sentBatches++;
            result.lastAckAt = Date.now();
            break;
          }
          result.failures++;
          if (attempt > 20) throw new Error(`batch refused ${attempt} times: ${res.status} ${res.body}`);
          await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
        }
      }
    }),
  );
  agent.destroy();
  return result;
}
