// Runs package.json scripts side by side (as many at a time as the machine has cores), each one's output
// printed in one piece when it ends, and exits non-zero when any failed: `npm run lint` and the lint + build
// step of `npm test` (the gates and the build read the sources only, so their order does not matter).
// Usage: node scripts/run-scripts.mjs NAME...
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const names = process.argv.slice(2);
const failed = [];
let next = 0;

/** Runs the next script in the list, then the one after it, until none is left. */
async function lane() {
  while (next < names.length) {
    const name = names[next++];
    const started = performance.now();
    const { code, output } = await new Promise((done) => {
      const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks = [];
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
      child.on('error', (error) => done({ code: 1, output: `${error.message}\n` }));
      child.on('close', (code) => done({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`${code === 0 ? '✓' : '✗'} npm run ${name} (${seconds} s)\n${output}`);
    if (code !== 0) failed.push(name);
  }
}

await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), names.length)) }, lane));
if (failed.length > 0) {
  process.stdout.write(`failed: ${failed.map((n) => `npm run ${n}`).join(', ')}\n`);
  process.exitCode = 1;
}
