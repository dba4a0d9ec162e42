import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { Counter } from './metrics.ts';
import { configFileFrom, runService, type RunServiceOptions } from './run-service.ts';

interface Harness {
  lines: Array<Record<string, unknown>>;
  exits: number[];
  exited: Promise<number>;
  options: Pick<RunServiceOptions<unknown>, 'argv' | 'env' | 'exit' | 'signals' | 'write' | 'handleUncaught'>;
}

function harness(): Harness {
  const lines: Array<Record<string, unknown>> = [];
  const exits: number[] = [];
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => (resolveExit = r));
  return {
    lines,
    exits,
    exited,
    options: {
      argv: [],
      env: {},
      exit: (code) => {
        exits.push(code);
        resolveExit(code);
      },
      signals: [],
      write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>),
      handleUncaught: false,
    },
  };
}

const SPEC = {
  port: { kind: 'int', default: 0, env: 'T_PORT', min: 0, max: 65535, doc: '' },
  name: { kind: 'string', default: 'x', env: 'T_NAME', doc: '' },
} as const;

describe('service/run-service', () => {
  it('finds --config, --config=, else the variable', () => {
    expect(configFileFrom(['--config', 'a.json'], { F: 'b.json' }, 'F')).toBe('a.json');
    expect(configFileFrom(['--config=c.json'], {}, 'F')).toBe('c.json');
    expect(configFileFrom([], { F: 'b.json' }, 'F')).toBe('b.json');
    expect(configFileFrom([], { F: 'b.json' })).toBeUndefined();
  });

  it('invalid configuration: logs every problem and exits 2 without starting the role', async () => {
    const h = harness();
    let started = false;
    await runService({
      ...h.options,
      env: { T_PORT: 'nope', T_NAME: '1' },
      name: 'svc',
      config: ({ env }) => loadConfig({ ...SPEC, other: { kind: 'int', default: 1, env: 'T_OTHER', min: 5, doc: '' } }, { env }),
      start: async () => void (started = true),
    });
    expect(h.exits).toEqual([2]);
    expect(started).toBe(false);
    const line = h.lines.find((l) => l.msg === 'invalid configuration')!;
    expect(line).toMatchObject({ service: 'svc', level: 'error', code: 'GP_CONFIG_INVALID' });
    expect(line.problems).toEqual([expect.stringContaining('port'), expect.stringContaining('other')]);
  });

  it('a role that fails to start exits 1 (2 for a ConfigError it throws)', async () => {
    const h = harness();
    await runService({ ...h.options, name: 'svc', config: () => ({}), start: async () => Promise.reject(new Error('boom')) });
    expect(h.exits).toEqual([1]);
    expect(h.lines.at(-1)).toMatchObject({ msg: 'svc failed to start', err: { message: 'boom' } });

    const h2 = harness();
    await runService({
      ...h2.options,
      name: 'svc',
      config: () => ({}),
      start: async () => Promise.reject(new ConfigError(['keys file: bad'])),
    });
    expect(h2.exits).toEqual([2]);
    expect(h2.lines.at(-1)).toMatchObject({ msg: 'invalid configuration', problems: ['keys file: bad'] });
  });

  it('serves the ops endpoints: 503 "starting", then the role checks, 503 while draining; stops in the given order, ops last', async () => {
    const h = harness();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let port = 0;
    let stopService!: (reason: string) => void;
    const running = runService({
      ...h.options,
      name: 'svc',
      config: ({ env }) => loadConfig(SPEC, { env }),
      ops: (c) => ({ port: c.port }),
      start: async (ctx) => {
        port = ctx.opsPort!;
        stopService = (reason) => ctx.stop(reason);
        new Counter({ name: 'gamepulse_test_total', help: 'h', registers: [ctx.registry] });
        await gate;
        return {
          stop: [
            { name: 'a', run: async () => void order.push('a') },
            { name: 'b', run: async () => void order.push('b') },
          ],
          checks: [{ name: 'dep', check: async () => ({ ok: true, detail: 'fine' }) }],
        };
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    const before = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({ checks: [{ name: 'svc', ok: false, detail: 'starting' }] });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    release();
    await running;
    const after = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ checks: [{ name: 'dep', ok: true }] });
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain('gamepulse_test_total{service="svc"}');

    stopService('test');
    expect(await h.exited).toBe(0);
    expect(order).toEqual(['a', 'b']);
    const steps = h.lines.filter((l) => l.msg === 'shutdown step done').map((l) => l.step);
    expect(steps).toEqual(['start: wait until the role has started', 'a', 'b', 'ops endpoints: stop serving']);
    expect(h.lines.at(-1)).toMatchObject({ msg: 'shutdown complete' });
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('a stop that begins during start waits for the start, which sees `stopping` and returns what it opened', async () => {
    const h = harness();
    const order: string[] = [];
    const running = runService({
      ...h.options,
      name: 'svc',
      config: () => ({}),
      start: async (ctx) => {
        // e.g. waiting for a topic: polls until shutdown begins
        setTimeout(() => ctx.stop('signal'), 10);
        while (!ctx.stopping) await new Promise((r) => setTimeout(r, 5));
        return { stop: [{ name: 'log: close', run: async () => void order.push('log') }] };
      },
    });
    await running;
    expect(await h.exited).toBe(0);
    expect(order).toEqual(['log']);
  });

  it('fail() and stop(…, { failed }) make the exit code 1; a failed step is logged and the rest still run', async () => {
    const h = harness();
    const order: string[] = [];
    let stop!: (reason: string, o?: { failed?: boolean }) => void;
    await runService({
      ...h.options,
      name: 'svc',
      config: () => ({}),
      start: async (ctx) => {
        stop = (reason, o) => ctx.stop(reason, o);
        return {
          stop: [
            {
              name: 'final commit',
              run: async () => {
                ctx.fail();
                throw new Error('commit failed');
              },
            },
            { name: 'close', run: async () => void order.push('close') },
          ],
        };
      },
    });
    stop('test');
    expect(await h.exited).toBe(1);
    expect(order).toEqual(['close']);
    expect(h.lines.find((l) => l.msg === 'shutdown step failed')).toMatchObject({ step: 'final commit' });

    const h2 = harness();
    await runService({
      ...h2.options,
      name: 'svc',
      config: () => ({}),
      start: async (ctx) => void setTimeout(() => ctx.stop('gave up', { failed: true }), 1),
    });
    expect(await h2.exited).toBe(1);
  });
});
