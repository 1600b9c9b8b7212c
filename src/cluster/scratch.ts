/**
 * Scratch memory that successive k-means fits on one thread reuse instead of allocating (the k sweep and the
 * bootstrap fits run hundreds of fits on the same sample: without reuse each left its n-sized arrays to
 * the garbage collector, ~40 MB a fit on 200,000 rows). Buffers are per thread (each worker has its own
 * module), grow to the largest size asked for and are kept up to `MAX_POOLED_BYTES` each; larger requests
 * get fresh memory that is freed with the fit. A caller owns a named buffer until it asks for the same name
 * again: never hand a scratch array out of a fit (copy it), and never use one name twice at once.
 */
const pool = new Map<string, ArrayBuffer>();

/** Buffers above this size are not kept (a single fit on ten million rows does not pin 80 MB per name). */
const MAX_POOLED_BYTES = 32 << 20;

function scratchBuffer(name: string, bytes: number): ArrayBuffer {
  if (bytes > MAX_POOLED_BYTES) return new ArrayBuffer(bytes);
  let buffer = pool.get(name);
  if (!buffer || buffer.byteLength < bytes) {
    buffer = new ArrayBuffer(bytes);
    pool.set(name, buffer);
  }
  return buffer;
}

/** A float64 scratch array of `length` elements under `name`; its contents are left over from earlier fits. */
export function scratchFloat64(name: string, length: number): Float64Array {
  return new Float64Array(scratchBuffer(name, length * 8), 0, length);
}

/** An int32 scratch array of `length` elements under `name`; its contents are left over from earlier fits. */
export function scratchInt32(name: string, length: number): Int32Array {
  return new Int32Array(scratchBuffer(name, length * 4), 0, length);
}

/** A scratch buffer of at least `bytes` bytes under `name` (it may be longer: make views of the length needed). */
export function scratchBytes(name: string, bytes: number): ArrayBuffer {
  return scratchBuffer(name, bytes);
}
