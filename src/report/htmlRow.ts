import { escapeHtml } from './escapeHtml.js';

/** One HTML table row of escaped cell texts (`th` for header rows). */
export function htmlRow(cells: readonly string[], tag: 'td' | 'th' = 'td'): string {
  return `<tr>${cells.map((x) => `<${tag}>${escapeHtml(x)}</${tag}>`).join('')}</tr>`;
}
