import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/** The packages a fresh Node process loads when it imports one of Segmenta's entry points (a resolve hook and the CommonJS cache record them). */
function packagesLoadedBy(entry: string): string[] {
  const hook = `data:text/javascript,${encodeURIComponent('export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write("LOADED " + r.url + "\\n"); return r; }')}`;
  // Packages loaded through require (src/util/requirePackage.ts) bypass the hook: the CommonJS cache lists them.
  const code = `import { createRequire, register } from 'node:module'; register(${JSON.stringify(hook)}); await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', entry)).href)}); for (const f of Object.keys(createRequire(import.meta.url).cache)) process.stderr.write('LOADED ' + f + '\\n');`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const names = [...r.stderr.matchAll(/^LOADED .*?\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!);
  return [...new Set(names)].sort();
}

describe('entry points load only what they need', () => {
  it('`segmenta` (kmeans, segment, …) loads neither Fastify, Vega, resvg nor a database client', () => {
    const loaded = packagesLoadedBy('index.js');
    for (const heavy of ['fastify', 'vega', 'vega-lite', '@resvg/resvg-js', 'pg']) expect(loaded, heavy).not.toContain(heavy);
    expect(loaded).toContain('ml-matrix');
  });
  it('`segmenta/engine`, `segmenta/report` and `segmenta/server` load their own stack', () => {
    expect(packagesLoadedBy('engine/index.js')).not.toContain('fastify');
    expect(packagesLoadedBy('report/index.js')).toEqual(expect.arrayContaining(['vega', '@resvg/resvg-js']));
    expect(packagesLoadedBy('server/index.js')).toContain('fastify');
  });
});
