import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The WebAssembly nearest-two kernel of this thread, prepared for one set of centres (see `nearestKernel`):
 * the passes over rows of k-means, rows copied into the kernel's memory a block at a time, ties to the
 * lower index, the same bits as rowPasses' JavaScript loops.
 */
export interface NearestKernel {
  /** Rows [start, end) of X: each one's nearest centre into `labels` and its squared distance into `dist`. */
  assign(X: Float64Array, start: number, end: number, labels: Int32Array, dist: Float64Array): void;
  /** Rows [start, end) of X: the nearest centre into `labels`, the distances (not squared) to the nearest two into `upper` and `lower`. */
  nearestTwoRows(X: Float64Array, start: number, end: number, labels: Int32Array, upper: Float64Array, lower: Float64Array): void;
  /** Hamerly's assignment step over rows [start, end) (rowPasses' hamerlyStep, the same bits). */
  hamerlyStep(s: HamerlyArrays, start: number, end: number): void;
}

/** What Hamerly's step reads and writes (see PassState). */
export interface HamerlyArrays {
  readonly X: Float64Array;
  readonly labels: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  readonly from: Int32Array;
  readonly moved: Float64Array;
  readonly halfGap: Float64Array;
  /** [largest centre move, second largest, the centre that moved most]. */
  readonly moves: Float64Array;
}

/** The kernel's limit on d: its block of rows stays within 2 MB (wider data take the JavaScript loops). */
const MAX_D = 256,
  /** Rows the block functions take at a time (copied into the kernel's memory and back). */
  BLOCK = 1024;

interface KernelExports {
  mem: WebAssembly.Memory;
  nearestBlock(d: number, k: number, count: number, x: number, lab: number, first: number, second: number): void;
  hamerlyBlock(
    d: number,
    k: number,
    count: number,
    x: number,
    lab: number,
    up: number,
    lo: number,
    from: number,
    moved: number,
    gap: number,
    max1: number,
    max2: number,
    arg1: number,
  ): void;
}

let instance: { exports: KernelExports } | null | undefined;

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
  // After the centres: moved and halfGap (k each), then one block of rows: X, labels, upper, lower, from.
  const at = layout(pairs * 2 * d * 8, [k * 8, k * 8, BLOCK * d * 8, BLOCK * 4, BLOCK * 8, BLOCK * 8, BLOCK * 4]);
  const needed = at.end;
  if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
  const buffer = memory.buffer;
  const centres = new Float64Array(buffer, 0, pairs * 2 * d);
  for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) centres[((j >> 1) * d + t) * 2 + (j & 1)] = C[j * d + t]!;
  const [movedAt, gapAt, xAt, labAt, upAt, loAt, fromAt] = at.offsets as [number, number, number, number, number, number, number];
  const block = {
    x: new Float64Array(buffer, xAt, BLOCK * d),
    lab: new Int32Array(buffer, labAt, BLOCK),
    up: new Float64Array(buffer, upAt, BLOCK),
    lo: new Float64Array(buffer, loAt, BLOCK),
    from: new Int32Array(buffer, fromAt, BLOCK),
  };
  const { nearestBlock, hamerlyBlock } = wasm.exports;
  /** Rows [start, end) in blocks: their data copied in, `each(count, first row)` run on them. */
  const blocks = (X: Float64Array, start: number, end: number, each: (count: number, i0: number) => void): void => {
    for (let i0 = start; i0 < end; i0 += BLOCK) {
      const count = Math.min(BLOCK, end - i0);
      block.x.set(X.subarray(i0 * d, (i0 + count) * d));
      each(count, i0);
    }
  };
  return {
    assign(X, start, end, labels, dist) {
      blocks(X, start, end, (count, i0) => {
        nearestBlock(d, k, count, xAt, labAt, upAt, 0);
        labels.set(block.lab.subarray(0, count), i0);
        dist.set(block.up.subarray(0, count), i0);
      });
    },
    nearestTwoRows(X, start, end, labels, upper, lower) {
      blocks(X, start, end, (count, i0) => {
        nearestBlock(d, k, count, xAt, labAt, upAt, loAt);
        labels.set(block.lab.subarray(0, count), i0);
        upper.set(block.up.subarray(0, count), i0);
        lower.set(block.lo.subarray(0, count), i0);
      });
    },
    hamerlyStep(s, start, end) {
      new Float64Array(buffer, movedAt, k).set(s.moved.subarray(0, k));
      new Float64Array(buffer, gapAt, k).set(s.halfGap.subarray(0, k));
      const [max1, max2, arg1] = [s.moves[0]!, s.moves[1]!, s.moves[2]!];
      blocks(s.X, start, end, (count, i0) => {
        block.lab.set(s.labels.subarray(i0, i0 + count));
        block.up.set(s.upper.subarray(i0, i0 + count));
        block.lo.set(s.lower.subarray(i0, i0 + count));
        hamerlyBlock(d, k, count, xAt, labAt, upAt, loAt, fromAt, movedAt, gapAt, max1, max2, arg1);
        s.labels.set(block.lab.subarray(0, count), i0);
        s.upper.set(block.up.subarray(0, count), i0);
        s.lower.set(block.lo.subarray(0, count), i0);
        s.from.set(block.from.subarray(0, count), i0);
      });
    },
  };
}

/** Byte offsets of consecutive areas of the given sizes from `start`, each 16-byte aligned, and where the last ends. */
function layout(start: number, sizes: number[]): { offsets: number[]; end: number } {
  const offsets: number[] = [];
  let at = start;
  for (const size of sizes) {
    at = Math.ceil(at / 16) * 16;
    offsets.push(at);
    at += size;
  }
  return { offsets, end: at };
}
