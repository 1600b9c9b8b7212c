import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The WebAssembly nearest-two kernel of this thread, prepared for one set of centres (see `nearestKernel`). */
export interface NearestKernel {
  /** Index of the centre nearest to row i of X (ties to the lower index); `first`/`second` then hold the two smallest squared distances. */
  nearestTwo(X: Float64Array, i: number): number;
  /** The smallest squared distance of the last `nearestTwo`. */
  first(): number;
  /** The second-smallest squared distance of the last `nearestTwo`. */
  second(): number;
}

/** Byte offsets in the kernel's memory, as nearestTwo.wat lays it out. */
const ROW = 0,
  RESULT = 2048,
  CENTRES = 4096,
  MAX_D = 256;

let instance: { exports: { mem: WebAssembly.Memory; nearestTwo(d: number, k: number): number } } | null | undefined;

/** The compiled module beside this file when built, else the built copy (when running sources); null when absent or turned off. */
function load(): typeof instance {
  if (instance !== undefined) return instance;
  instance = null;
  if (process.env['SEGMENTA_KERNEL'] === 'js') return instance;
  const candidates = ['./nearestTwo.wasm', '../../dist/cluster/nearestTwo.wasm'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  const path = candidates.find((p) => existsSync(p));
  if (!path) return instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {}) as unknown as typeof instance;
  } catch {
    instance = null; // no WebAssembly SIMD here: the JavaScript kernel gives the same bits
  }
  return instance;
}

/**
 * This thread's WebAssembly SIMD kernel with centres C (k × d, row-major) copied in, or undefined when
 * it is not available (not built, `SEGMENTA_KERNEL=js`, d > 256): callers then use the JavaScript kernel,
 * which gives the same labels and the same bits. Measured 2.3–3.5× faster than the JavaScript loop on
 * 1M × 8, k = 20 (docs/decisions.md). O(k · d) to prepare.
 */
export function nearestKernel(C: Float64Array, k: number, d: number): NearestKernel | undefined {
  const wasm = load();
  if (!wasm || d > MAX_D) return undefined;
  const memory = wasm.exports.mem;
  const pairs = Math.ceil(k / 2);
  const needed = CENTRES + pairs * 2 * d * 8;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
  const centres = new Float64Array(memory.buffer, CENTRES, pairs * 2 * d);
  for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) centres[((j >> 1) * d + t) * 2 + (j & 1)] = C[j * d + t]!;
  const row = new Float64Array(memory.buffer, ROW, d);
  const result = new Float64Array(memory.buffer, RESULT, 2);
  const run = wasm.exports.nearestTwo;
  return {
    nearestTwo(X, i) {
      const o = i * d;
      for (let t = 0; t < d; t++) row[t] = X[o + t]!;
      return run(d, k);
    },
    first: () => result[0]!,
    second: () => result[1]!,
  };
}
