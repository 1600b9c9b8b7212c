import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

/** The newest modification time below `path` (a file or a folder), in ms. */
function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Global setup of every test project: the tests spawn the built CLI, load the built entry points and start
 * worker threads from dist/, so a missing or stale build (older than src/, web/ or the build scripts) is
 * rebuilt first (`npm run build`, its last output dist/web/index.html being the stamp). A fresh clone can
 * run `npm run test:unit` directly; after `npm run build` (as `npm test` does) nothing is rebuilt.
 */
export default function buildIfStale(): void {
  const stamp = join(ROOT, 'dist/web/index.html');
  const sources = ['src', 'web', 'scripts/build-wasm.mjs', 'package.json', 'tsconfig.json', 'vite.config.ts'].map((p) => join(ROOT, p));
  const fresh = (): boolean => existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources.map(newest));
  if (fresh()) return;
  // One build at a time when several projects set up together: the others wait for it, then find it fresh.
  const lock = join(ROOT, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (fresh()) return;
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed: the tests need a build of this checkout');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
