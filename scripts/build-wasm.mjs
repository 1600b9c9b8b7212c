// Compiles the WebAssembly kernels (src/**/*.wat, text format) into dist/ beside their TypeScript
// neighbours, with wabt (an npm package: nothing is downloaded at install). Part of `npm run build`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wabt = await wabtInit();
const sources = readdirSync(join(root, 'src'), { recursive: true }).filter((f) => f.endsWith('.wat'));
for (const file of sources) {
  const text = readFileSync(join(root, 'src', file), 'utf8');
  const module = wabt.parseWat(file, text, { simd: true });
  module.validate();
  const out = join(root, 'dist', file.replace(/\.wat$/, '.wasm'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, module.toBinary({}).buffer);
  module.destroy();
  console.log(`wasm: ${relative(root, out)}`);
}
