import { existsSync } from 'node:fs';
import { EngineError, UsageError } from '../util/errors.js';
import { redact, type SqlEngine } from './sqlEngine.js';

/**
 * Opens the engine a `--db` value names: `postgres://user:pass@host:port/db` (or `postgresql://`),
 * `clickhouse://user:pass@host:8123/db` (ClickHouse's HTTP port), or
 * `duckdb:path.db` (`duckdb:` alone: an in-memory DuckDB that reads files given as `--table`). Throws an
 * EngineError with one clear line when it cannot connect.
 */
export async function openEngine(spec: string): Promise<SqlEngine> {
  if (/^postgres(ql)?:\/\//.test(spec)) {
    const { openPostgres } = await import('./postgresEngine.js');
    return openPostgres(spec);
  }
  if (/^clickhouse:\/\//.test(spec)) {
    const { openClickHouse } = await import('./clickhouseEngine.js');
    return openClickHouse(spec);
  }
  if (spec.startsWith('duckdb:')) {
    const path = spec.slice('duckdb:'.length);
    if (path !== '' && path !== ':memory:' && !existsSync(path))
      throw new EngineError(`no DuckDB database at ${path}; give the path of an existing .db file (or duckdb: to read files given with --table)`);
    const { openDuckDb } = await import('./duckdbEngine.js');
    return openDuckDb(path === '' ? ':memory:' : path);
  }
  throw new UsageError(`invalid --db: ${redact(spec)} (expected postgres://user@host:port/database, clickhouse://user@host:8123/database or duckdb:path.db)`);
}
