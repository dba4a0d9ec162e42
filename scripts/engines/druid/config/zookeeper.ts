/**
 * A standalone ZooKeeper for Druid's service discovery and leader election, run from
 * the ZooKeeper jar that druid-server already depends on (3.8.x for Druid 33).
 */
import { type Properties, renderProperties } from './properties.ts';

export interface ZooKeeperConfig {
  port: number;
  dataDir: string;
}

export function zooCfg(c: ZooKeeperConfig): string {
  const props: Properties = {
    tickTime: 2000,
    dataDir: c.dataDir,
    clientPort: c.port,
    clientPortAddress: '127.0.0.1',
    // Unlimited: Druid's five processes each hold a session; the default 60 per IP is fine
    // too, but a limit only ever shows up as a confusing connection loss.
    maxClientCnxns: 0,
    // ZooKeeper 3.5+ starts an admin HTTP server on 0.0.0.0:8080 by default: off, we bind
    // loopback only and 8080 is a common dev port.
    'admin.enableServer': false,
    // `ruok` is our readiness probe; 3.5+ disables four-letter words unless listed.
    '4lw.commands.whitelist': 'ruok,srvr,stat',
    'autopurge.snapRetainCount': 3,
    'autopurge.purgeInterval': 1,
  };
  return renderProperties(props, 'written by scripts/engines/druid/config/zookeeper.ts');
}

export const ZOOKEEPER_MAIN = 'org.apache.zookeeper.server.ZooKeeperServerMain';
