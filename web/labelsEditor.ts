// The Setup view's labels editor: how each column is called in names, sentences, tables and charts (label and
// unit, and a category's level names), sent with the setup and downloadable as labels.json, the file the
// CLI's --labels takes.
import type { DataAnswer } from '../src/server/api.js';
import type { LabelMap, LabelSpec } from '../src/options/optionTypes.js';
import { readableLabel } from '../src/explain/columnLabels.js';
import { $, el, fill, scrollRegion } from './dom.js';

/** Categories with at most this many levels get a name field per level. */
const MAX_LEVELS = 5;

/** A text field with an accessible name and a placeholder (the label or unit used when left empty). */
function field(name: string, placeholder: string, data: Record<string, string>): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'text';
  input.placeholder = placeholder;
  input.setAttribute('aria-label', name);
  Object.assign(input.dataset, data);
  return input;
}

/** Draws one row per column: its label and unit (placeholders: the readable label of its name), its levels. */
export function buildLabelsEditor(data: DataAnswer, onChange: () => void): void {
  const rows = data.columns
    .filter((c) => !c.identifier)
    .map((c) => {
      const auto = readableLabel(c.name);
      const profile = data.profile.find((p) => p.name === c.name);
      const levels = profile && profile.type === 'category' && profile.distinct <= MAX_LEVELS ? (profile.top ?? []).map((t) => t.value) : [];
      const levelFields = levels.map((level) =>
        el('label', { className: 'level' }, `${level} `, field(`${c.name}: name of level ${level}`, level, { column: c.name, level })),
      );
      return el(
        'tr',
        {},
        el('th', {}, c.name),
        el('td', {}, field(`${c.name}: label`, auto.label, { column: c.name, part: 'label' })),
        el('td', {}, field(`${c.name}: unit`, auto.unit ?? '', { column: c.name, part: 'unit' })),
        el('td', {}, ...levelFields),
      );
    });
  const table = el(
    'table',
    { className: 'plain labels' },
    el('thead', {}, el('tr', {}, ...['column', 'label', 'unit', 'level names'].map((h) => el('th', {}, h)))),
  );
  table.append(el('tbody', {}, ...rows));
  fill($('labels-table'), scrollRegion(table, 'Labels, units and level names'));
  for (const input of $('labels-table').querySelectorAll('input')) input.addEventListener('change', () => (updateDownload(), onChange()));
  updateDownload();
}

/** The labels typed so far as labels.json's object (columns with nothing typed left out). */
export function labelsTyped(): LabelMap {
  const labels: Record<string, { label?: string; unit?: string; levels?: Record<string, string> }> = {};
  for (const input of document.querySelectorAll<HTMLInputElement>('#labels-table input')) {
    const value = input.value.trim();
    const column = input.dataset['column'];
    if (!value || !column) continue;
    const entry = (labels[column] ??= {});
    if (input.dataset['level'] !== undefined) (entry.levels ??= {})[input.dataset['level']] = value;
    else entry[input.dataset['part'] as 'label' | 'unit'] = value;
  }
  return labels as Record<string, LabelSpec>;
}

/** Points the labels.json link at the labels typed (a file made in the page; nothing is sent). */
function updateDownload(): void {
  const link = $<HTMLAnchorElement>('labels-json');
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([JSON.stringify(labelsTyped(), null, 2) + '\n'], { type: 'application/json' }));
}
