/**
 * Writes a cluster's config into `<dataDir>/conf/` (regenerated on every start, so the
 * code here is the only source) and returns a fingerprint of it, used to decide whether
 * running processes can be reused.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterPaths } from '../layout.ts';
import type { DruidPorts } from '../options.ts';
import { commonProperties } from './common.ts';
import { druidServiceArgs, zookeeperArgs } from './jvm.ts';
import { log4j2Xml } from './log4j2.ts';
import { renderProperties } from './properties.ts';
import { type ServiceSpec, serviceSpecs } from './services.ts';
import { ZOOKEEPER_MAIN, zooCfg } from './zookeeper.ts';

export interface ClusterConfigInput {
  version: string;
  paths: ClusterPaths;
  ports: DruidPorts;
  router: boolean;
  lib: string;
  jit: 'quick-start' | 'full';
  extensionsDir: string;
  extensionNames: string[];
  properties: Record<string, string>;
}

/** A process to start: ZooKeeper or a Druid service. */
export interface ProcessPlan {
  name: 'zookeeper' | ServiceSpec['name'];
  port: number;
  args: string[];
}

export interface ClusterConfig {
  /** In start order. */
  processes: ProcessPlan[];
  fingerprint: string;
}

export function writeClusterConfig(c: ClusterConfigInput): ClusterConfig {
  const { paths } = c;
  for (const dir of [
    paths.commonConf,
    paths.zkData,
    paths.metadata,
    paths.deepStorage,
    paths.indexingLogs,
    paths.segmentCache,
    paths.taskDir,
    paths.tmp,
    paths.logs,
    paths.run,
  ]) {
    mkdirSync(dir, { recursive: true });
  }
  const header = 'written by scripts/engines/druid/config; edits are overwritten on start';
  const files: [string, string][] = [
    [join(paths.commonConf, 'common.runtime.properties'), renderProperties(commonProperties({ ...c, properties: c.properties }), header)],
    [join(paths.commonConf, 'log4j2.xml'), log4j2Xml()],
    [join(paths.serviceConf('zk'), 'zoo.cfg'), zooCfg({ port: c.ports.zookeeper, dataDir: paths.zkData })],
  ];
  const specs = serviceSpecs({ ports: c.ports, paths, router: c.router });
  for (const spec of specs)
    files.push([join(paths.serviceConf(spec.name), 'runtime.properties'), renderProperties(spec.properties, header)]);

  const jvm = { paths, lib: c.lib, jit: c.jit };
  const processes: ProcessPlan[] = [
    { name: 'zookeeper', port: c.ports.zookeeper, args: zookeeperArgs(jvm, ZOOKEEPER_MAIN) },
    ...specs.map((s) => ({ name: s.name, port: s.port, args: druidServiceArgs(s, jvm) })),
  ];
  for (const [file, text] of files) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  const fingerprint = [
    `druid ${c.version}`,
    ...files.map(([f, t]) => `== ${f}\n${t}`),
    ...processes.map((p) => `== ${p.name}: ${p.args.join(' ')}`),
  ].join('\n');
  return { processes, fingerprint };
}
