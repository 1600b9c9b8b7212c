import { round } from './segmentsCsv.js';

/**
 * JSON for output files: numbers rounded to 12 significant digits (no floating-point noise), non-finite
 * numbers as null, two-space indentation, a final newline — the same bytes for the same data.
 */
export function stableJson(doc: unknown): string {
  return JSON.stringify(doc, (_, v) => (typeof v === 'number' ? (Number.isFinite(v) ? round(v) : null) : v), 2) + '\n';
}
