/**
 * Two throw-away ClickHouse servers for the engine tests (vitest globalSetup): Debian's clickhouse-server
 * (18.16), started by scripts/clickhouse-cluster.mjs on free loopback ports with their data in a temporary
 * folder, forming the cluster `segmenta_2shards` (one shard each), so a Distributed table spreads rows over
 * both. Their URLs are provided to the tests as `chUrls`; the servers are stopped and their folders deleted
 * after the run. A missing binary fails the run: .ci/run installs the `clickhouse-server` package.
 */
import type { TestProject } from 'vitest/node';
import { startClickHouseCluster } from '../scripts/clickhouse-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** HTTP URLs of the two servers (shard 1, shard 2) of the cluster `segmenta_2shards`. */
    chUrls: string[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = (await startClickHouseCluster({ shards: 2 })) as { urls: string[]; stop: () => Promise<void> };
  project.provide('chUrls', cluster.urls);
  return cluster.stop;
}
