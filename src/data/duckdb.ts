import type { DuckDBConnection } from '@duckdb/node-api';
import { requirePackage } from '../util/requirePackage.js';
import { enterDuckDB, leaveDuckDB } from './duckdbGate.js';

/** DuckDB's Node API, loaded once through require (see util/requirePackage.ts) for every reader and engine. */
export const duckdb = requirePackage('@duckdb/node-api') as typeof import('@duckdb/node-api');

/** Quotes an SQL identifier for DuckDB (doubles embedded quotes). */
export function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Quotes an SQL string literal for DuckDB (doubles embedded single quotes). */
export function quoteLiteral(text: string): string {
  return "'" + text.replaceAll("'", "''") + "'";
}

/**
 * Runs `work` on a fresh in-memory DuckDB connection and closes it afterwards, whatever happens.
 * Each call gets its own database so concurrent readers never share state. In a pooled worker the call passes
 * the thread's gate (duckdbGate.ts): the pool does not terminate the thread inside it.
 */
export async function withDuckDB<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  enterDuckDB();
  try {
    // A bounded memory limit keeps DuckDB's buffers (and so our peak RSS) small; it spills to disk beyond it.
    const instance = await duckdb.DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
    const conn = await instance.connect();
    try {
      return await work(conn);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  } finally {
    leaveDuckDB();
  }
}
