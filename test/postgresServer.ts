/**
 * A throw-away PostgreSQL server for the engine tests (vitest globalSetup): Debian's postgresql binaries,
 * a fresh cluster in a temporary folder, trust login on 127.0.0.1 at a free port, stopped and deleted after
 * the run. As root the server runs as the "postgres" user (PostgreSQL refuses to run as root). Its URL is
 * provided to the tests as `pgUrl`. Missing binaries fail the run: .ci/run installs the `postgresql` package.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../scripts/free-port.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    /** A folder both the tests and the server can read and write (for COPY … FROM 'file'). */
    pgDir: string;
  }
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql; install them with: apt-get install -y postgresql');
  return join(root, versions[0]!, 'bin');
}

export default async function setup(project: TestProject): Promise<() => void> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'segmenta-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'segmenta', '--no-sync', '-E', 'UTF8', '--locale', 'C.UTF-8']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
    'start',
  ]);
  project.provide('pgUrl', `postgres://segmenta@127.0.0.1:${port}/postgres`);
  project.provide('pgDir', dir);
  return () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
