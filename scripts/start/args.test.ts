import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDurationMs, parseStartArgs } from './args.ts';

/** parseStartArgs exits with code 2 on a bad flag: turn the exit into a throw the test can see. */
function refused(argv: string[]): string {
  const stderr: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`exit ${code}`);
  });
  expect(() => parseStartArgs(argv)).toThrow('exit 2');
  return stderr.join('');
}

afterEach(() => vi.restoreAllMocks());

describe('scripts/start/args --incident', () => {
  it('parses durations with a unit, or bare seconds', () => {
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('60s')).toBe(60_000);
    expect(parseDurationMs('90')).toBe(90_000);
    expect(parseDurationMs('2m')).toBe(120_000);
    expect(parseDurationMs('1.5m')).toBe(90_000);
    expect(parseDurationMs('1h')).toBe(3_600_000);
    for (const bad of ['', 'm', '5 minutes', '-1s', '2d', '1e3']) expect(parseDurationMs(bad), bad).toBeUndefined();
  });

  it('has no incident by default, and a 20-minute delay and 5-minute duration when one is asked for', () => {
    const none = parseStartArgs([]);
    expect(none.incident).toBeUndefined();
    expect(none.incidentAfterMs).toBe(1_200_000);
    expect(none.incidentForMs).toBe(300_000);
    for (const kind of ['dau-drop', 'fraud', 'exploit', 'bad-release', 'refund-burst'] as const)
      expect(parseStartArgs(['--incident', kind]).incident).toBe(kind);
  });

  it('runs Alertmanager on 9093 unless told not to', () => {
    expect(parseStartArgs([])).toMatchObject({ alertmanager: true, alertmanagerPort: 9093 });
    expect(parseStartArgs(['--no-alertmanager']).alertmanager).toBe(false);
    expect(parseStartArgs(['--alertmanager-port', '19093']).alertmanagerPort).toBe(19093);
  });

  it('takes --incident-after and --incident-for', () => {
    const o = parseStartArgs(['--incident', 'fraud', '--incident-after', '60s', '--incident-for', '90s']);
    expect(o).toMatchObject({ incident: 'fraud', incidentAfterMs: 60_000, incidentForMs: 90_000 });
    expect(parseStartArgs(['--incident', 'exploit', '--incident-after', '0']).incidentAfterMs).toBe(0);
  });

  it('refuses an unknown kind, a bad duration, a zero length and --no-sim', () => {
    expect(refused(['--incident', 'meteor'])).toMatch(/--incident must be one of dau-drop, fraud, exploit, bad-release/);
    expect(refused(['--incident', 'fraud', '--incident-after', 'soon'])).toMatch(/--incident-after must be a duration/);
    expect(refused(['--incident', 'fraud', '--incident-for', '0s'])).toMatch(/--incident-for must be a duration/);
    expect(refused(['--incident', 'dau-drop', '--no-sim'])).toMatch(/needs the simulator/);
  });

  it('--help documents the flags', () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    expect(() => parseStartArgs(['--help'])).toThrow('exit 0');
    const help = out.join('');
    for (const flag of [
      '--incident K',
      '--incident-after D',
      '--incident-for D',
      'dau-drop',
      'fraud',
      'exploit',
      'bad-release',
      'refund-burst',
    ])
      expect(help).toContain(flag);
  });
});

describe('scripts/start/args --superset', () => {
  it('is off by default, and brings Druid and Kafka with it on port 8088', () => {
    expect(parseStartArgs([])).toMatchObject({ superset: false, druid: false, kafka: false });
    expect(parseStartArgs(['--druid', '--superset'])).toMatchObject({ superset: true, druid: true, kafka: true, supersetPort: 8088 });
    expect(parseStartArgs(['--superset'])).toMatchObject({ superset: true, druid: true, kafka: true });
    expect(parseStartArgs(['--superset', '--superset-port', '18088']).supersetPort).toBe(18088);
  });

  it('refuses a Superset port another service has', () => {
    expect(refused(['--superset', '--superset-port', '8090'])).toMatch(/port 8090 is given to both --query-port and --superset-port/);
  });
});
