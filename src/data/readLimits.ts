import { DataError } from '../util/errors.js';
import { countText } from '../util/formatNumber.js';

/**
 * Limits on what one read may bring into memory. A file past a limit is refused with a DataError that names
 * the limit and its flag, before the large allocation happens. The studio uses tighter limits than the CLI
 * (one hostile upload must not take the server down for everyone).
 */
export interface ReadLimits {
  /** Most columns a table may have (header fields). CLI `--max-columns`, default 1,000. */
  readonly maxColumns: number;
  /** Most bytes a gzipped file may inflate to. Default 16 GiB in the CLI, 500 MB in the studio. */
  readonly maxDecompressedBytes: number;
  /** Most cells (rows × columns) read into memory. Default 2,000,000,000 in the CLI, 25,000,000 in the studio. */
  readonly maxCells: number;
  /**
   * Most text cells (rows × text and date columns). Text costs far more than numbers to hold and to hand
   * between threads: the studio allows 3,000,000 (one million strings take the server ~150 ms to receive from
   * a worker); the CLI the same as `maxCells`.
   */
  readonly maxTextCells: number;
}

/** The CLI's limits: generous, a file only hurts its own user. */
export const CLI_READ_LIMITS: ReadLimits = { maxColumns: 1000, maxDecompressedBytes: 16 * 1024 ** 3, maxCells: 2_000_000_000, maxTextCells: 2_000_000_000 };

/** The studio's limits: one upload must stay far from the server's memory. */
export const STUDIO_READ_LIMITS: ReadLimits = { maxColumns: 1000, maxDecompressedBytes: 500 * 1024 ** 2, maxCells: 25_000_000, maxTextCells: 3_000_000 };

/** The refusal of a file with more columns than the limit (checked on the header, then on what DuckDB read). */
export function tooManyColumns(path: string, columns: number, maxColumns: number): DataError {
  return new DataError(
    `${path} has ${countText(columns)} columns; Segmenta reads at most ${countText(maxColumns)} (raise it with --max-columns, or keep the columns you need)`,
  );
}

/** A byte count for messages: "500 MB", "16 GB". */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${Math.round((n / 1024 ** 3) * 10) / 10} GB`;
  if (n >= 1024 * 1024) return `${Math.round(n / 1024 / 1024)} MB`;
  return `${Math.round(n / 1024)} KB`;
}
