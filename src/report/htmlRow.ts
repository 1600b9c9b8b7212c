import { escapeHtml } from './escapeHtml.js';

/** One HTML table row of escaped cell texts (`th` for header rows). */
export function htmlRow(cells: readonly string[], tag: 'td' | 'th' = 'td'): string {
  return `<tr>${cells.map((x) => `<${tag}>${escapeHtml(x)}</${tag}>`).join('')}</tr>`;
}

/** A table in a region that scrolls sideways on narrow screens: focusable and named, so a keyboard can scroll it. */
export function scrollTable(tableHtml: string, name: string): string {
  return `<div class="scroll" tabindex="0" role="region" aria-label="${escapeHtml(name)}">${tableHtml}</div>`;
}
