// 1. Data: upload a file (or open the demo or the start-up file), its preview, profile and charts.
import type { DataAnswer, InfoAnswer } from '../src/server/api.js';
import { api, postJson } from './apiClient.js';
import { draw } from './charts.js';
import { $, el, fill, fmt, showError, table, watchOverflow } from './dom.js';
import { showOrderLog } from './rfmView.js';
import { applySetup, buildFeatureList, openSetup } from './setupView.js';
import { buildLabelsEditor } from './labelsEditor.js';
import { markStale } from './staleness.js';
import { enable } from './tabs.js';

/** The profile table: one row per column. */
function profileTable(data: DataAnswer): HTMLElement {
  return table(
    ['column', 'type', 'count', 'missing', 'distinct', 'min', 'median', 'mean', 'max', 'std', 'skew', 'top'],
    data.profile.map((c) => [
      c.name,
      c.type,
      c.count.toLocaleString('en-US'),
      c.missing.toLocaleString('en-US'),
      c.distinct.toLocaleString('en-US'),
      fmt(c.min),
      fmt(c.median),
      fmt(c.mean),
      fmt(c.max),
      fmt(c.std),
      fmt(c.skewness),
      (c.top ?? [])
        .slice(0, 3)
        .map((t) => `${t.value} (${t.count})`)
        .join(', '),
    ]),
  );
}

/** Shows newly loaded data and starts its setup; results of earlier data are put away. */
async function loaded(data: DataAnswer): Promise<void> {
  showError(null);
  $('data-summary').textContent =
    `${data.name}: ${data.rows.toLocaleString('en-US')} rows, ${data.columns.length} columns; key ${data.key ?? 'row number'} (${data.keyReason}).`;
  fill(
    $('preview'),
    table(
      data.columns.map((c) => c.name),
      data.preview,
    ),
  );
  fill($('profile'), profileTable(data));
  $('data-details').hidden = false;
  await Promise.all([draw('data-distributions', data.charts.distributions), draw('data-correlation', data.charts.correlation)]);
  const orderLog = data.orderLog !== null;
  // The labels first: the setup the feature list sends carries them.
  buildLabelsEditor(data, () => void applySetup());
  buildFeatureList(data.columns, orderLog);
  $('customer-path-note').hidden = !orderLog;
  $('setup-order-log-note').hidden = !orderLog;
  $('to-setup').classList.toggle('primary', !orderLog);
  enable('setup');
  for (const v of ['k', 'segments', 'compare', 'export'] as const) ($(`tab-${v}`) as HTMLButtonElement).disabled = true;
  markStale({ segments: false, comparison: false }, false);
  delete document.body.dataset['segk'];
  showOrderLog(data);
  document.body.dataset['data'] = 'loaded';
}

/**
 * Loads data through `request`: meanwhile the earlier data's panels are put away (nothing of them can be
 * clicked while the new data are read); when the server refuses the new data they come back as they were.
 */
async function load(name: string, request: () => Promise<DataAnswer>): Promise<void> {
  showError(null);
  const summary = $('data-summary');
  const before = { text: summary.textContent, log: $('order-log').hidden, details: $('data-details').hidden, state: document.body.dataset['data'] };
  summary.textContent = `Reading ${name}…`;
  $('order-log').hidden = true;
  $('data-details').hidden = true;
  document.body.dataset['data'] = 'loading';
  try {
    await loaded(await request());
  } catch (e) {
    summary.textContent = before.text;
    $('order-log').hidden = before.log;
    $('data-details').hidden = before.details;
    if (before.state === undefined) delete document.body.dataset['data'];
    else document.body.dataset['data'] = before.state;
    showError((e as Error).message);
  }
}

const upload = (file: File): Promise<void> =>
  load(file.name, () =>
    api('/api/data/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-file-name': file.name }, body: file }),
  );

/** The bundled samples as buttons (Mall first: the seed notebook's file), each loading a copy of its file. */
function showSamples(samples: InfoAnswer['samples']): void {
  const box = $('samples');
  for (const s of samples) {
    const button = el('button', {}, s.file) as HTMLButtonElement;
    button.type = 'button';
    button.title = s.about;
    button.dataset['sample'] = s.name;
    button.addEventListener('click', () => void load(s.file, () => postJson<DataAnswer>(`/api/data/sample/${encodeURIComponent(s.name)}`)));
    box.append(button, ' ');
  }
  box.hidden = samples.length === 0;
}

/** The file picker and drop zone, the demo and start-up buttons, and what the server accepts. */
export function wireDataView(): void {
  for (const id of ['preview', 'profile']) watchOverflow($(id));
  $<HTMLInputElement>('file').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) void upload(f);
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => (e.preventDefault(), drop.classList.add('over')));
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const f = e.dataTransfer?.files?.[0];
    if (f) void upload(f);
  });
  drop.addEventListener('keydown', (e) => e.key === 'Enter' && $('file').click());
  $('demo').addEventListener('click', () => void load('the demo customers', () => postJson<DataAnswer>('/api/data/demo')));
  $('startup').addEventListener('click', () => void load($('startup').textContent!.replace(/^Open /, ''), () => postJson<DataAnswer>('/api/data/startup')));
  $('to-setup').addEventListener('click', openSetup);
  void api<InfoAnswer>('/api/info').then((info) => {
    $('limit').textContent = `Files up to ${Math.round(info.maxUploadBytes / 1024 / 1024)} MB. Your data stays on this computer.`;
    if (info.startupFile) Object.assign($('startup'), { hidden: false, textContent: `Open ${info.startupFile}` });
    showSamples(info.samples);
  });
}
