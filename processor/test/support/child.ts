/**
 * The processor as a real process (`apps/src/processor.ts` under `node --import tsx`,
 * one process, so a SIGKILL kills the processor itself and not a wrapper), with its
 * JSON log lines collected and its /metrics readable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const mainTs = join(repoRoot, 'apps', 'src', 'processor.ts');

export interface ProcessorChild {
  proc: ChildProcess;
  port: number;
  lines: Array<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  metrics(): Promise<Map<string, number>>;
}

export async function startProcessorChild(env: Record<string, string>, timeoutMs = 60_000): Promise<ProcessorChild> {
  const proc = spawn(process.execPath, ['--import', 'tsx', mainTs], {
    cwd: repoRoot,
    env: {
      ...process.env,
      GAMEPULSE_PROCESSOR_HOST: '127.0.0.1',
      GAMEPULSE_PROCESSOR_PORT: '0',
      GAMEPULSE_PROCESSOR_CONSOLE: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  const exited = new Promise<number | string>((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`processor did not start in ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    proc.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          const rec = JSON.parse(line) as Record<string, unknown>;
          lines.push(rec);
          if (rec.msg === 'processor started') {
            clearTimeout(timer);
            resolve(rec.port as number);
          }
        } catch {
          lines.push({ unparsed: line });
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`processor exited (${code}) before starting; stderr: ${stderr}; stdout: ${JSON.stringify(lines.slice(-5))}`));
    });
  });
  return {
    proc,
    port,
    lines,
    exited,
    async metrics() {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const out = new Map<string, number>();
      for (const line of text.split('\n')) {
        if (!line.startsWith('gamepulse_processor_')) continue;
        const cut = line.lastIndexOf(' ');
        // drop the default `service` label so callers can write plain names
        const name = line
          .slice(0, cut)
          .replace(/service="processor",?/, '')
          .replace(/\{\}$/, '')
          .replace(/,\}$/, '}');
        out.set(name, Number(line.slice(cut + 1)));
      }
      return out;
    },
  };
}

/** Sum of the series of a metric (any labels). */
export function total(metrics: Map<string, number>, name: string, labelFilter = ''): number {
  let n = 0;
  for (const [k, v] of metrics) if ((k === name || k.startsWith(name + '{')) && k.includes(labelFilter)) n += v;
  return n;
}
