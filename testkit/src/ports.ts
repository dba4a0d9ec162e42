/**
 * Free TCP ports for services a test starts as processes (which need a port number up
 * front, unlike an in-process `listen(0)`).
 *
 * Taken below Linux's ephemeral range (32768–60999), from 22000–25999 (clear of the
 * fixed ports of the Kafka and Druid test engines). A port the kernel hands out for
 * `listen(0)` comes from the ephemeral range, and while a killed service is down, any
 * outgoing connection (a Kafka client's, say) may get it as its source port: a chaos
 * run failed with EADDRINUSE restarting a processor that way.
 */
import { createServer } from 'node:net';

const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = 22_000 + Math.floor(Math.random() * 4_000);
    // Not one this process handed out already (its service may not listen yet), and
    // reserved before the check awaits, so concurrent calls cannot pick the same one.
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canListen(port)) return port;
    handedOut.delete(port);
  }
  throw new Error('no free TCP port in 22000-25999 on 127.0.0.1');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const s = createServer();
    s.once('error', () => resolvePort(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolvePort(true)));
  });
}
