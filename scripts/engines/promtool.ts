/**
 * Runs Prometheus' `promtool` (built once from the module proxy by go-tools.ts) and
 * returns its exit code and output, so tests can check rule files, the scrape config
 * and the rule unit tests under prometheus/.
 *
 * `npx tsx scripts/engines/promtool.ts <promtool args…>` runs it from the shell
 * (e.g. `test rules prometheus/tests/*.test.yml`) and exits with promtool's code.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ensureGoTool, GO_TOOLS, type EnsureGoToolOptions } from './go-tools.ts';

export interface PromtoolResult {
  /** promtool's exit code (0 = success; 1 = check or test failed; 3 = bad usage/config). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunPromtoolOptions extends EnsureGoToolOptions {
  /** Working directory for relative paths in `args`. @default process.cwd() */
  cwd?: string;
}

/** Runs `promtool <args>` to completion, building promtool first unless it is cached. */
export async function runPromtool(args: readonly string[], opts: RunPromtoolOptions = {}): Promise<PromtoolResult> {
  const bin = await ensureGoTool(GO_TOOLS.promtool, opts);
  return new Promise((resolve, reject) => {
    const p = spawn(bin, [...args], { cwd: opts.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runPromtool(process.argv.slice(2));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exit(r.code);
}
