import { createHash } from 'node:crypto';
import { cellText, type Column } from '../data/table.js';

/**
 * A SHA-256 fingerprint of training data: column names and every cell's text, in row order, so a model
 * can tell whether it is being applied to its own training file. O(n · columns).
 */
export function fingerprint(columns: readonly Column[], rows: number): string {
  const hash = createHash('sha256');
  hash.update(columns.map((c) => c.name).join('\u001f') + '\u001e');
  for (let i = 0; i < rows; i++) hash.update(columns.map((c) => cellText(c, i)).join('\u001f') + '\u001e');
  return 'sha256:' + hash.digest('hex');
}
