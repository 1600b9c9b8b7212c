import type { DuckDBConnection } from '@duckdb/node-api';
import { DataError } from '../util/errors.js';

/** Runs an order-log query; a failure is one line naming the file. */
export async function orderLogRows(conn: DuckDBConnection, sql: string, path: string): Promise<Record<string, unknown>[]> {
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } catch (e) {
    throw new DataError(`${path}: cannot be read as an order log: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Runs an order-log statement (see `orderLogRows`). */
export async function orderLogExec(conn: DuckDBConnection, sql: string, path: string): Promise<void> {
  await orderLogRows(conn, sql, path);
}
