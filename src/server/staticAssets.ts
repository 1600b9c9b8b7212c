import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Loads the built front end into memory at start-up: URL path → content. Requests are answered only from
 * this map, so no path from a request ever reaches the file system. O(total asset size).
 */
export function loadStaticAssets(dir: string): Map<string, { type: string; body: Buffer }> {
  const assets = new Map<string, { type: string; body: Buffer }>();
  if (!existsSync(dir)) return assets;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else assets.set('/' + relative(dir, full).split('\\').join('/'), { type: TYPES[extname(name)] ?? 'application/octet-stream', body: readFileSync(full) });
    }
  };
  walk(dir);
  const index = assets.get('/index.html');
  if (index) assets.set('/', index);
  return assets;
}
