import { createHash } from 'node:crypto';
import { cellText, type Column } from '../data/table.js';

/**
 * A SHA-256 fingerprint of training data: column names and every cell's text, in row order, so a model
 * can tell whether it is being applied to its own training file. O(n · columns).
 */
export function fingerprint(columns: readonly Column[], rows: number): string {
  const hash = createHash('sha256');
  hash.update(columns.map((c) => c.name).join('\u001f') + '\u001e');
  // Rows are hashed in batches of text (~1 MB) rather than one update per row: fast, little garbage.
  let batch = '';
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns.length; j++) batch += (j ? '\u001f' : '') + cellText(columns[j]!, i);
    batch += '\u001e';
    if (batch.length > 1 << 20) (hash.update(batch), (batch = ''));
  }
  hash.update(batch);
  return 'sha256:' + hash.digest('hex');
}
