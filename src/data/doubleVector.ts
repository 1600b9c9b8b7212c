import type { DuckDBDataChunk } from '@duckdb/node-api';
import { requirePackage } from '../util/requirePackage.js';

/** DuckDB's C API for Node (the layer under its Node API), for reading a vector's memory as it is. */
const bindings = requirePackage('@duckdb/node-bindings') as typeof import('@duckdb/node-bindings');

/** One chunk of a DOUBLE column as DuckDB holds it. */
export interface DoubleChunk {
  /** The chunk's values; a row whose validity bit is 0 holds no value (any bits). */
  readonly values: Float64Array;
  /** Bit i (byte i >> 3, bit i & 7) is 1 when row i has a value; null when every row has one. */
  readonly validity: Uint8Array | null;
}

/**
 * Column `column` of a DuckDB result chunk, which must be of type DOUBLE, as views on DuckDB's own memory
 * (valid while the chunk is): no boxed number and no BigInt validity test per cell, as the Node API's
 * `getColumnValues` makes (a million rows × 8 columns: 0.7 s of reading). O(1); O(rows) when DuckDB's buffer
 * is not 8-byte aligned and is copied.
 */
export function doubleChunk(chunk: DuckDBDataChunk, column: number): DoubleChunk {
  const rows = chunk.rowCount;
  const vector = bindings.data_chunk_get_vector(chunk.chunk, column);
  const type = bindings.get_type_id(bindings.vector_get_column_type(vector));
  if (type !== bindings.Type.DOUBLE) throw new Error(`column ${column} is DuckDB type ${type}, not DOUBLE`);
  const bytes = bindings.vector_get_data(vector, rows * 8);
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const values = new Float64Array(aligned.buffer, aligned.byteOffset, rows);
  const validity = bindings.vector_get_validity(vector, Math.ceil(rows / 64) * 8) as Uint8Array | null;
  return { values, validity: validity ?? null };
}

/** True when row `i` of a chunk with this validity holds a value. */
export function hasValue(validity: Uint8Array | null, i: number): boolean {
  return validity === null || (validity[i >> 3]! & (1 << (i & 7))) !== 0;
}
