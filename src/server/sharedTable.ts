import type { Column, Table } from '../data/table.js';
import type { Matrix } from '../util/matrix.js';

/** A copy of a Float64Array in shared memory: posting it to a worker then shares it instead of copying it. */
function sharedFloats(values: Float64Array): Float64Array {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const out = new Float64Array(new SharedArrayBuffer(values.byteLength));
  out.set(values);
  return out;
}

/**
 * The table with its numeric and date columns in shared memory, so that the studio hands it to worker
 * threads (jobs, views) without copying the numbers each time; text columns are still copied. O(cells) once.
 */
export function sharedTable(table: Table): Table {
  const columns = table.columns.map((c): Column => (c.kind === 'string' ? c : { ...c, values: sharedFloats(c.values) }));
  return { ...table, columns };
}

/** A matrix with its data in shared memory (see `sharedTable`). */
export function sharedMatrix(m: Matrix): Matrix {
  return { ...m, data: sharedFloats(m.data) };
}
