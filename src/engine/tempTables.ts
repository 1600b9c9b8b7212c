/** Temporary tables of a write-back: dropping them, or naming those a server refused to drop, so none is left unsaid. */
import type { QualifiedName, SqlEngine } from './sqlEngine.js';

/** Whether a ClickHouse table exists (system.tables). */
export async function clickhouseTableExists(engine: SqlEngine, t: QualifiedName): Promise<boolean> {
  const d = engine.dialect;
  const rows = await engine.query(`SELECT count() AS n FROM system.tables WHERE database = ${d.literal(t.schema)} AND name = ${d.literal(t.name)}`);
  return Number(rows[0]?.['n'] ?? 0) > 0;
}

/** Drops a temporary table; returns null, or the sentence that names it when the engine refused. */
export async function dropOrSay(engine: SqlEngine, ref: string, name: string): Promise<string | null> {
  try {
    await engine.execute(`DROP TABLE IF EXISTS ${ref}`);
    return null;
  } catch (e) {
    return `the temporary table ${name} on ${engine.label} could not be dropped (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); drop it by hand`;
  }
}

/** The error with the temporary tables it left behind named in its message (same class, same exit code). */
export function withLeftover(e: unknown, ...left: ReadonlyArray<string | null>): unknown {
  const named = left.filter((l): l is string => l !== null);
  if (named.length && e instanceof Error) e.message = `${e.message}; ${named.join('; ')}`;
  return e;
}
