/**
 * `npx tsx scripts/engines/kafka-cli.ts fetch|start|stop|status`
 *
 * Exit codes: 0 done (status: broker running and answering), 1 failed, 2 usage error,
 * 3 status: not running, 4 status: process alive but not answering Kafka requests.
 * Ports, data dir and version come from the environment (KAFKA_PORT,
 * KAFKA_CONTROLLER_PORT, KAFKA_DATA_DIR, GAMEPULSE_KAFKA_VERSION), defaults in kafka.ts.
 */
import { ensureKafkaJars, kafkaStatus, startKafka, stopKafka, type KafkaOptions } from './kafka.ts';

const USAGE = 'usage: npx tsx scripts/engines/kafka-cli.ts fetch|start|stop|status';

function optionsFromEnv(): KafkaOptions {
  const num = (name: string): number | undefined => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n <= 0 || n > 65_535) throw new Error(`${name}=${raw} is not a port number`);
    return n;
  };
  const opts: KafkaOptions = {};
  const port = num('KAFKA_PORT');
  const controllerPort = num('KAFKA_CONTROLLER_PORT');
  if (port) opts.port = port;
  if (controllerPort) opts.controllerPort = controllerPort;
  if (process.env.KAFKA_DATA_DIR) opts.dataDir = process.env.KAFKA_DATA_DIR;
  return opts;
}

async function main(command: string | undefined): Promise<number> {
  const opts = optionsFromEnv();
  switch (command) {
    case 'fetch': {
      const started = Date.now();
      const jars = await ensureKafkaJars(opts);
      console.log(`kafka jars ready: ${jars.length} jars (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return 0;
    }
    case 'start': {
      const kafka = await startKafka(opts);
      console.log(
        `kafka ${kafka.version} ${kafka.startedHere ? 'started' : 'already running'}: brokers=${kafka.brokers.join(',')} pid=${kafka.pid}`,
      );
      console.log(`  data ${kafka.dataDir}\n  log  ${kafka.logFile}`);
      return 0;
    }
    case 'stop': {
      const stopped = await stopKafka(opts);
      console.log(stopped ? 'kafka stopped' : 'kafka was not running');
      return 0;
    }
    case 'status': {
      const s = await kafkaStatus(opts);
      if (!s.running) {
        console.log(`kafka not running (data ${s.dataDir})`);
        return 3;
      }
      console.log(
        `kafka pid ${s.pid} ${s.answers ? 'answering' : 'NOT answering'} on ${s.brokers.join(',')}\n  data ${s.dataDir}\n  log  ${s.logFile}`,
      );
      return s.answers ? 0 : 4;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`kafka ${process.argv[2] ?? ''} failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
