// The TypeScript modules of src/ and web/ below a repository root (declaration files left out), for the gates.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every .ts file of `root`/src and `root`/web, depth first. */
export function sourceFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const dir of ['src', 'web']) if (existsSync(join(root, dir))) walk(join(root, dir));
  return files;
}
