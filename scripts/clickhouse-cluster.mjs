// Starts throw-away ClickHouse servers (Debian's clickhouse-server, 18.16) as plain processes on free
// loopback ports, each with its data in a temporary folder and all of them configured with the cluster
// `segmenta_2shards`-style `remote_servers` entry (one shard per server), so a Distributed table spreads rows
// over them. Used by the tests' global setup (test/clickhouseServer.ts) and by `npm run bench:engine`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

export const CLICKHOUSE_BINARY = '/usr/sbin/clickhouse-server';

function config(dir, http, tcp, cluster, shards) {
  const replicas = shards.map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`).join('');
  return `<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <remote_servers><${cluster}>${replicas}</${cluster}></remote_servers>
</yandex>
`;
}

const USERS = `<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

async function waitUntilUp(url, child, log) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with ${child.exitCode}: ${log()}`);
    try {
      if ((await fetch(`${url}/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`clickhouse-server did not answer on ${url} within 30 s: ${log()}`);
}

/**
 * Starts `shards` servers forming the cluster `cluster`; resolves with their `clickhouse://` URLs (HTTP
 * ports, database default), `stop()`, which stops them and deletes their folders, and `stopShard(i)`.
 */
export async function startClickHouseCluster({ shards = 2, cluster = 'segmenta_2shards' } = {}) {
  if (!existsSync(CLICKHOUSE_BINARY)) throw new Error(`${CLICKHOUSE_BINARY} not found; install it with: apt-get install -y clickhouse-server`);
  const root = mkdtempSync(join(tmpdir(), 'segmenta-ch-'));
  const servers = [];
  for (let i = 0; i < shards; i++) servers.push({ dir: join(root, `shard${i + 1}`), http: await freePort(), tcp: await freePort() });
  const children = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise((done) => {
            if (c.exitCode !== null || c.signalCode !== null) return done();
            c.once('exit', () => done());
            // Throw-away servers whose folders go next: nothing to flush, and a graceful stop takes 8 s each.
            c.kill('SIGKILL');
          }),
      ),
    );
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const s of servers) {
      mkdirSync(s.dir, { recursive: true });
      writeFileSync(join(s.dir, 'users.xml'), USERS);
      writeFileSync(
        join(s.dir, 'config.xml'),
        config(
          s.dir,
          s.http,
          s.tcp,
          cluster,
          servers.map((x) => x.tcp),
        ),
      );
      let log = '';
      const child = spawn(CLICKHOUSE_BINARY, [`--config-file=${join(s.dir, 'config.xml')}`], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d) => (log = (log + String(d)).slice(-2000)));
      child.stderr.on('data', (d) => (log = (log + String(d)).slice(-2000)));
      children.push(child);
      await waitUntilUp(`http://127.0.0.1:${s.http}`, child, () => log);
    }
  } catch (e) {
    await stop();
    throw e;
  }
  /** Stops server i only (a shard going down), for tests of what an unreachable shard does. */
  const stopShard = (i) =>
    new Promise((done) => {
      const c = children[i];
      if (c.exitCode !== null || c.signalCode !== null) return done();
      c.once('exit', () => done());
      c.kill('SIGKILL');
    });
  return { urls: servers.map((s) => `clickhouse://127.0.0.1:${s.http}/default`), stop, stopShard };
}

/**
 * Runs one statement on a server of a `clickhouse://host:port/default` URL over plain HTTP (for setting up
 * test and benchmark tables; inserts through a Distributed table wait for every shard). `body`: data for an
 * INSERT … FORMAT. A kept-alive socket the server has since closed (after 3 s idle) fails once: asked again.
 * Resolves to the answer's text (a SELECT's rows in the FORMAT it names).
 */
export async function clickhouseStatement(url, query, body = '') {
  const post = () =>
    fetch(`${url.replace(/^clickhouse:/, 'http:').replace(/\/default$/, '/')}?${new URLSearchParams({ query, insert_distributed_sync: '1' })}`, {
      method: 'POST',
      body,
    });
  const res = await post().catch((e) => (e.cause?.code === 'UND_ERR_SOCKET' ? post() : Promise.reject(e)));
  const text = await res.text();
  if (!res.ok) throw new Error(`${query.slice(0, 80)}: ${text}`);
  return text;
}
