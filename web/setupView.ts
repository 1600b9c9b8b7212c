// 2. Setup: the features (ticked by the run's defaults) and the declared Setup controls.
import { studioControls } from '../src/options/studioControls.js';
import { NO_FEATURES, type DataAnswer, type SetupAnswer } from '../src/server/api.js';
import { postJson } from './apiClient.js';
import { labelsTyped } from './labelsEditor.js';
import type { LabelMap } from '../src/options/optionTypes.js';
import { $, el, fill, fmt, scrollRegion, showError, table } from './dom.js';
import { markStale } from './staleness.js';
import { disable, enable, show } from './tabs.js';

/** The Setup panel's controls, drawn from the option declarations (src/options/optionSpecs.ts). */
const SETUP_CONTROLS = studioControls('Setup').filter((c) => c.input !== 'columns' && c.input !== 'labels');

/** Whether the loaded data's setup has yet to be sent (an order log's is sent only when the user opens Setup). */
let setupPending = false;

/**
 * The feature check boxes of the loaded data's columns, ticked as a run would use them; then applies the
 * setup, or (an order log, `defer`) waits until the user opens Setup: no request is made for a path not taken.
 */
export function buildFeatureList(columns: DataAnswer['columns'], defer = false): void {
  const box = $('features');
  fill(box, el('legend', {}, 'Features'));
  for (const c of columns) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = c.name;
    // The run's default features: categories and flags are described on every segment, not clustered on.
    input.checked = c.feature;
    input.disabled = c.identifier;
    input.addEventListener('change', () => void applySetup());
    label.append(input, ` ${c.name} `);
    const note = document.createElement('span');
    note.className = 'hint';
    note.textContent = c.identifier
      ? '(identifier: kept as the key, never a feature)'
      : `(${c.kind === 'string' ? 'category' : c.kind}${!c.feature && c.kind !== 'date' ? ': described on every segment; tick it to cluster on it' : ''})`;
    label.append(note);
    box.append(label);
  }
  setupPending = defer;
  if (!defer) void applySetup();
}

/** Opens Setup, sending the setup first if the data's was deferred. */
export function openSetup(): void {
  show('setup');
  if (setupPending) {
    setupPending = false;
    void applySetup();
  }
}

/** Draws each declared Setup control (a drop-down or a number field) in a fieldset per group, with its default. */
function drawSetupControls(): void {
  const grid = document.querySelector<HTMLElement>('#view-setup .setup-grid')!;
  for (const group of [...new Set(SETUP_CONTROLS.map((c) => c.group))]) {
    const fieldset = el('fieldset', {}, el('legend', {}, group));
    for (const c of SETUP_CONTROLS.filter((x) => x.group === group)) {
      const input = c.input === 'choice' ? document.createElement('select') : document.createElement('input');
      input.id = c.id;
      if (input instanceof HTMLSelectElement)
        for (const choice of c.choices) {
          const option = document.createElement('option');
          option.value = choice.value;
          option.textContent = choice.text;
          input.append(option);
        }
      else {
        input.type = 'number';
        if (c.min !== undefined) input.min = String(c.min);
        if (c.max !== undefined) input.max = String(c.max);
      }
      input.value = String(c.value ?? '');
      input.addEventListener('change', () => void applySetup());
      const label = el('label', {}, `${c.label} `, input);
      label.id = `${c.id}-label`;
      label.title = c.doc;
      fieldset.append(label);
      if (c.hint) fieldset.append(el('p', { className: 'hint' }, c.hint));
    }
    grid.append(fieldset);
  }
}

/** What the setup request sends: option name → value (`features`: the ticked columns; `labels`: those typed). */
type SetupValues = Record<string, string | number | string[] | LabelMap>;

/** The setup as the controls say it: the ticked features and each shown control's value. */
function setupRequest(): SetupValues {
  const features = [...document.querySelectorAll<HTMLInputElement>('#features input:checked')].map((i) => i.value);
  const labels = labelsTyped();
  const request: SetupValues = { features, ...(Object.keys(labels).length ? { labels } : {}) };
  for (const c of SETUP_CONTROLS) {
    const shown = !c.when || $<HTMLSelectElement>(SETUP_CONTROLS.find((x) => x.option === c.when!.option)!.id).value === c.when.is;
    $(`${c.id}-label`).hidden = !shown;
    if (!shown) continue;
    const value = $<HTMLInputElement | HTMLSelectElement>(c.id).value;
    request[c.option] = c.input === 'number' ? Number(value) : value;
  }
  return request;
}

/** The last setup sent (as JSON) and the promise of its answer: requests go one at a time, in order. */
let sent = '';
let settled: Promise<boolean> = Promise.resolve(false);

/**
 * Sends the setup once the one on its way has been answered (so that answers never arrive out of order and a
 * job never starts before the last change reached the server); a setup equal to the last one sent is not sent
 * again. Shows what preprocessing it gives, or the server's one line. Resolves to whether it was accepted.
 */
export function applySetup(): Promise<boolean> {
  settled = settled.then((accepted) => {
    const request = setupRequest();
    const key = JSON.stringify(request);
    if (key === sent && accepted) return true;
    sent = key;
    return sendSetup(request);
  });
  return settled;
}

/** The server's words on the last setup it refused ('' when it accepted it). */
let refusal = '';

/** Resolves once every setup change made so far has been answered; throws the server's words if it refused the last. */
export async function setupSettled(): Promise<void> {
  if (!(await settled)) throw new Error(refusal || 'set up the features first');
}

async function sendSetup(request: SetupValues): Promise<boolean> {
  try {
    // Nothing ticked is refused here, as the server would: no request, no error in the console.
    if ((request['features'] as string[]).length === 0) throw new Error(NO_FEATURES);
    const r = await postJson<SetupAnswer>('/api/setup', request);
    showError(null);
    const rep = r.report;
    fill(
      $('setup-result'),
      el('p', {}, el('strong', {}, `${rep.features.length} features`), ` → ${r.columns.length} columns after encoding; ${rep.scaling} scaling.`),
      el(
        'p',
        {},
        `Imputed: ${rep.imputed.length ? rep.imputed.map((i) => `${i.column} ${i.count} cell(s) with ${i.value}`).join('; ') : 'nothing'}. ` +
          `Encoded: ${rep.encoded.length ? rep.encoded.map((e) => `${e.column} (${e.levels.length} levels${e.groupedAsOther.length ? `, ${e.groupedAsOther.length} grouped as other` : ''})`).join('; ') : 'nothing'}. ` +
          `log1p: ${rep.logged.length ? rep.logged.join(', ') : 'none'}. Not used: ${rep.dropped.length ? rep.dropped.map((d) => `${d.column} (${d.reason})`).join('; ') : 'none'}.`,
      ),
      scrollRegion(
        table(
          ['column after preprocessing', 'mean', 'sd', 'min', 'max'],
          r.columns.map((c) => [c.name, fmt(c.mean), fmt(c.std), fmt(c.min), fmt(c.max)]),
        ),
        'Columns after preprocessing',
      ),
    );
    enable('k');
    enable('compare');
    markStale(r.stale, r.changed);
    document.body.dataset['setup'] = 'ok';
    $<HTMLButtonElement>('to-k').disabled = false;
    refusal = '';
    return true;
  } catch (e) {
    refusal = (e as Error).message;
    showError(refusal);
    fill($('setup-result'));
    // Nothing can run on a refused setup: the next steps wait until it is fixed.
    disable('k');
    disable('compare');
    $<HTMLButtonElement>('to-k').disabled = true;
    document.body.dataset['setup'] = 'error';
    return false;
  }
}

/** Draws the controls and wires "Next: choose k". */
export function wireSetupView(): void {
  drawSetupControls();
  $('tab-setup').addEventListener('click', openSetup);
  $('to-k').addEventListener('click', () => void applySetup().then((ok) => ok && show('k')));
}
