/**
 * npx tsx scripts/engines/druid/cli.ts fetch|start|stop|status [--router]
 *
 * Environment: GAMEPULSE_DRUID_VERSION, GAMEPULSE_DRUID_DATA, GAMEPULSE_DRUID_JAVA,
 * GAMEPULSE_CACHE (see options.ts, layout.ts and ../cache.ts).
 */
import { type DruidOptions, druidStatus, fetchDruid, startDruid, stopDruid } from './index.ts';

const USAGE = 'usage: npx tsx scripts/engines/druid/cli.ts fetch|start|stop|status [--router]';

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  const opts: DruidOptions = { router: flags.includes('--router') };
  switch (command) {
    case 'fetch': {
      await fetchDruid({});
      return 0;
    }
    case 'start': {
      const c = await startDruid(opts);
      console.log(
        JSON.stringify(
          {
            brokerUrl: c.brokerUrl,
            overlordUrl: c.overlordUrl,
            coordinatorUrl: c.coordinatorUrl,
            routerUrl: c.routerUrl,
            sqlalchemyUri: c.sqlalchemyUri,
            dataDir: c.dataDir,
            pids: c.pids,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    case 'stop': {
      const stopped = await stopDruid(opts);
      console.log(stopped.length ? `stopped ${stopped.join(', ')}` : 'nothing was running');
      return 0;
    }
    case 'status': {
      const s = await druidStatus(opts);
      console.log(`data dir ${s.dataDir}`);
      for (const p of s.processes) {
        console.log(
          `${p.name.padEnd(12)} ${p.pid ? `pid ${String(p.pid).padEnd(8)}` : 'stopped     '} port ${p.port} ${p.healthy ? 'healthy' : p.pid ? 'NOT healthy' : ''}`,
        );
      }
      return s.processes.some((p) => p.pid && !p.healthy) ? 1 : 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
