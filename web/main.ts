// Segmenta studio: the dashboard's front end. Charts arrive as compiled Vega specs from the server (built by
// the same chart builders as the report) and are drawn here by Vega's runtime, bundled so nothing loads
// from the network. Everything that comes from data (column names, categories, segment names, messages) is
// put on the page as text nodes through `el`, never as HTML: no innerHTML with data anywhere in this file.
// Charts are evaluated by vega-interpreter, so the studio's Content-Security-Policy needs no 'unsafe-eval'.
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { mountScatter3d, type Scatter3dData } from '../src/report/scatter3d.js';
import { stabilitySentence } from '../src/explain/stabilitySentence.js';
import { ruleFit } from '../src/explain/ruleSentence.js';
import { CONTEXT_LEAD } from '../src/explain/contextProfile.js';
import { migrationCellColours } from '../src/explain/baselineText.js';
import { studioControls } from '../src/options/studioControls.js';
import type {
  BaselineAnswer,
  CompareAnswer,
  DataAnswer,
  ErrorAnswer,
  InfoAnswer,
  JobAnswer,
  JobRequest,
  MembersAnswer,
  RfmAnswer,
  RfmRequest,
  SegmentsAnswer,
  SetupAnswer,
  Staleness,
} from '../src/server/api.js';
import type { ChartDataTable } from '../src/charts/chartDataTable.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const views = ['data', 'setup', 'k', 'segments', 'compare', 'export', 'rfm'] as const;
type View = (typeof views)[number];

function show(view: View): void {
  for (const v of views) {
    $(`view-${v}`).hidden = v !== view;
    $(`tab-${v}`).setAttribute('aria-selected', String(v === view));
  }
  document.body.dataset['view'] = view;
}
function enable(view: View): void {
  ($(`tab-${view}`) as HTMLButtonElement).disabled = false;
}
for (const v of views) $(`tab-${v}`).addEventListener('click', () => show(v));
document.querySelector('nav')!.addEventListener('keydown', (e) => {
  const tabs = views.map((v) => $(`tab-${v}`) as HTMLButtonElement).filter((t) => !t.disabled);
  const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0 || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
  const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
  next.focus();
  next.click();
});

function showError(message: string | null): void {
  const el = $('error');
  el.hidden = message === null;
  el.textContent = message ?? '';
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', ...init });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: text || res.statusText };
  }
  if (!res.ok) throw new Error((body as Partial<ErrorAnswer>).error ?? `request failed (${res.status})`);
  return body as T;
}
const postJson = <T>(path: string, body: object = {}): Promise<T> =>
  api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const views_: Record<string, vega.View> = {};
/**
 * Draws a compiled chart into #chart-ID (SVG, or a canvas when the spec asks for one: many points), and its
 * "show data" table, folded, right under it.
 */
async function draw(id: string, spec: object, data?: ChartDataTable | null): Promise<void> {
  views_[id]?.finalize();
  const container = $(`chart-${id}`);
  container.hidden = false;
  const meta = ((spec as { usermeta?: { renderer?: string } }).usermeta ?? {}) as { renderer?: 'svg' | 'canvas' };
  const runtime = vega.parse(spec as vega.Spec, undefined, { ast: true });
  const view = new vega.View(runtime, {
    renderer: meta.renderer ?? 'svg',
    container: `#chart-${id}`,
    hover: true,
    expr: expressionInterpreter,
  } as vega.ViewOptions);
  views_[id] = view;
  await view.runAsync();
  if (meta.renderer === 'canvas') {
    container.setAttribute('role', 'img');
    container.setAttribute('aria-label', (spec as { description?: string }).description ?? id);
  }
  const next = container.nextElementSibling;
  const old = next instanceof HTMLDetailsElement && next.classList.contains('data') ? next : null;
  if (!data) return old?.remove();
  const details = el(
    'details',
    { className: 'data' },
    el('summary', {}, 'Show the data'),
    scrollRegion(plain(captioned(table(data.header, data.rows), data.caption)), data.caption),
  );
  if (old) old.replaceWith(details);
  else container.after(details);
}

/** A focusable, named region that scrolls sideways on narrow screens (a keyboard can scroll it). */
function scrollRegion(child: HTMLElement, name: string): HTMLElement {
  const region = el('div', { className: 'scroll' }, child);
  region.tabIndex = 0;
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', name);
  return region;
}

function captioned(t: HTMLElement, caption: string): HTMLElement {
  t.prepend(el('caption', {}, caption));
  return t;
}

/** An element with text children (strings become text nodes, never HTML). */
function el(tag: string, props: { className?: string } = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  node.append(...children);
  return node;
}

/** Replaces an element's content by nodes. */
function fill(target: HTMLElement, ...children: Array<Node | string>): void {
  target.replaceChildren(...children);
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): HTMLElement {
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...header.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
}
/** A table in the compact "plain" style. */
const plain = (t: HTMLElement): HTMLElement => ((t.className = 'plain'), t);
const fmt = (v: number | undefined | null): string =>
  v === undefined || v === null ? '' : Number.isInteger(v) ? String(v) : (Math.abs(v) < 5e-4 ? 0 : v).toFixed(3);

// ---- 1. Data
let columns: DataAnswer['columns'] = [];

async function loaded(data: DataAnswer): Promise<void> {
  showError(null);
  columns = data.columns;
  $('data-summary').textContent =
    `${data.name}: ${data.rows.toLocaleString('en-US')} rows, ${data.columns.length} columns; key ${data.key ?? 'row number'} (${data.keyReason}).`;
  fill(
    $('preview'),
    table(
      data.columns.map((c) => c.name),
      data.preview,
    ),
  );
  fill(
    $('profile'),
    table(
      ['column', 'type', 'count', 'missing', 'distinct', 'min', 'median', 'mean', 'max', 'std', 'skew', 'top'],
      data.profile.map((c) => [
        c.name,
        c.type,
        String(c.count),
        String(c.missing),
        String(c.distinct),
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
    ),
  );
  $('data-details').hidden = false;
  await Promise.all([draw('data-distributions', data.charts.distributions), draw('data-correlation', data.charts.correlation)]);
  buildFeatureList();
  enable('setup');
  for (const v of ['k', 'segments', 'compare', 'export'] as const) ($(`tab-${v}`) as HTMLButtonElement).disabled = true;
  markStale({ segments: false, comparison: false }, false);
  delete document.body.dataset['segk'];
  showOrderLog(data);
  document.body.dataset['data'] = 'loaded';
}

async function upload(file: File): Promise<void> {
  showError(null);
  $('data-summary').textContent = `Reading ${file.name}…`;
  try {
    await loaded(
      await api('/api/data/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-file-name': file.name }, body: file }),
    );
  } catch (e) {
    $('data-summary').textContent = '';
    showError((e as Error).message);
  }
}

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
$('demo').addEventListener('click', () => void postJson<DataAnswer>('/api/data/demo').then(loaded, (e) => showError(e.message)));
$('startup').addEventListener('click', () => void postJson<DataAnswer>('/api/data/startup').then(loaded, (e) => showError(e.message)));
$('to-setup').addEventListener('click', () => show('setup'));
void api<InfoAnswer>('/api/info').then((info) => {
  $('limit').textContent = `Files up to ${Math.round(info.maxUploadBytes / 1024 / 1024)} MB. Your data stays on this computer.`;
  if (info.startupFile) Object.assign($('startup'), { hidden: false, textContent: `Open ${info.startupFile}` });
});

// ---- 2. Setup
function buildFeatureList(): void {
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
  void applySetup();
}

/** The Setup panel's controls, drawn from the option declarations (src/options/optionSpecs.ts). */
const SETUP_CONTROLS = studioControls('Setup').filter((c) => c.input !== 'columns');

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
drawSetupControls();

async function applySetup(): Promise<boolean> {
  const features = [...document.querySelectorAll<HTMLInputElement>('#features input:checked')].map((i) => i.value);
  try {
    const request: Record<string, string | number | string[]> = { features };
    for (const c of SETUP_CONTROLS) {
      const shown = !c.when || $<HTMLSelectElement>(SETUP_CONTROLS.find((x) => x.option === c.when!.option)!.id).value === c.when.is;
      $(`${c.id}-label`).hidden = !shown;
      if (!shown) continue;
      const value = $<HTMLInputElement | HTMLSelectElement>(c.id).value;
      request[c.option] = c.input === 'number' ? Number(value) : value;
    }
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
    return true;
  } catch (e) {
    showError((e as Error).message);
    document.body.dataset['setup'] = 'error';
    return false;
  }
}

// ---- Out of date: results from an earlier setup stay visible, marked, with "re-run"; the server refuses to export them.
/**
 * Marks (or clears) the views whose results came from another setup than the current one: a note on the
 * view and on its tab, and Export's links hidden. `changed`: the setup changed, so the k sweep is gone too.
 */
function markStale(stale: Staleness, changed: boolean): void {
  const segments = stale.segments && document.body.dataset['segk'] !== undefined;
  for (const id of ['stale-segments', 'stale-export']) {
    $(id).hidden = !segments;
    $(id).querySelector('.stale-what')!.textContent =
      'These segments were computed with an earlier setup (features, method or preprocessing); the current setup has not been run yet.';
  }
  $('downloads').hidden = segments;
  $('stale-compare').hidden = !stale.comparison;
  if (changed && !$('k-result').hidden) {
    $('k-result').hidden = true;
    $('stale-k').hidden = false;
  }
  tabMark('segments', segments);
  tabMark('export', segments);
  tabMark('compare', stale.comparison);
  document.body.dataset['stale'] = String(segments);
}

/** A visible "out of date" on a step's tab (text, so screen readers say it too). */
function tabMark(view: View, on: boolean): void {
  const tab = $(`tab-${view}`);
  tab.querySelector('.tab-stale')?.remove();
  if (on) tab.append(el('span', { className: 'tab-stale' }, ' · out of date'));
}

for (const button of document.querySelectorAll<HTMLButtonElement>('.rerun'))
  button.addEventListener('click', async () => {
    const note = button.parentElement!.querySelector('.rerun-text')!;
    const back = document.body.dataset['view'] as View;
    button.disabled = true;
    try {
      note.textContent = 'computing…';
      await runJob(Number(document.body.dataset['segk']));
      await showSegments();
      show(back);
      note.textContent = '';
    } catch (e) {
      note.textContent = '';
      showError((e as Error).message);
    } finally {
      button.disabled = false;
    }
  });
$('to-k').addEventListener('click', () => void applySetup().then((ok) => ok && show('k')));

// ---- 3. Choose k
async function runJob(k?: number): Promise<JobAnswer> {
  showError(null);
  const request: JobRequest = k === undefined ? {} : { k };
  await postJson('/api/jobs', request);
  for (;;) {
    const job = await api<JobAnswer>('/api/jobs/current');
    const progress = $<HTMLProgressElement>('progress');
    progress.max = job.total;
    progress.value = job.done;
    $('progress-text').textContent = job.status === 'running' ? `${job.stage}: ${job.done} of ${job.total}` : job.status === 'done' ? 'done' : '';
    if (job.status === 'error') throw new Error(job.error);
    if (job.status === 'done') return job;
    await new Promise((r) => setTimeout(r, 250));
  }
}

$('compute').addEventListener('click', async () => {
  const button = $<HTMLButtonElement>('compute');
  button.disabled = true;
  try {
    const job = await runJob();
    $('k-reason').textContent = job.reason ?? '';
    $('recommended').textContent = String(job.recommended);
    $<HTMLInputElement>('k-input').value = String(job.recommended);
    $('k-result').hidden = false;
    $('stale-k').hidden = true;
    await draw('elbow', job.elbow!);
    document.body.dataset['k'] = String(job.recommended);
  } catch (e) {
    showError((e as Error).message);
  } finally {
    button.disabled = false;
  }
});

$('show-segments').addEventListener('click', async () => {
  const k = Number($<HTMLInputElement>('k-input').value);
  try {
    if (k !== Number($('recommended').textContent) || document.body.dataset['segk'] !== undefined) await runJob(k);
    await showSegments();
  } catch (e) {
    showError((e as Error).message);
  }
});

// ---- 4. Segments
async function showSegments(): Promise<void> {
  const s = await api<SegmentsAnswer>('/api/segments');
  $('segments-reason').textContent = s.reason;
  $('segments-method').textContent = `Method: ${s.method}; k = ${s.k}.`;
  fill($('k-warnings'), ...s.kWarnings.map((w) => el('li', {}, el('strong', {}, 'Look twice: '), w.message)));
  $('k-warnings').hidden = s.kWarnings.length === 0;
  const mark = (k: number): string => (k === s.shortlist.chosen ? ' (shown)' : k === s.shortlist.alternative ? ' (the alternative)' : '');
  const alternatives = s.shortlist.rows.map((r: string[]) => [`${r[0]}${mark(Number(r[0]))}`, ...r.slice(1)]);
  fill($('k-shortlist'), el('p', {}, `${s.shortlist.caption}:`), scrollRegion(plain(table([...s.shortlist.header], alternatives)), 'k worth a look'));
  $('k-shortlist').hidden = s.shortlist.rows.length < 2;
  const cards = $('cards');
  cards.replaceChildren();
  for (const seg of s.segments) {
    const card = document.createElement('article');
    card.className = 'card';
    card.style.setProperty('--c', seg.color);
    // A text area, so long names wrap inside the card instead of being cut ("High income · High spe").
    const input = document.createElement('textarea');
    input.rows = 2;
    input.value = seg.name;
    input.setAttribute('aria-label', `Name of segment ${seg.id}`);
    input.dataset['segment'] = String(seg.id);
    const save = document.createElement('button');
    save.type = 'button';
    save.textContent = 'Save';
    const rename = async (): Promise<void> => {
      try {
        await api(`/api/segments/${seg.id}/name`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: input.value }),
        });
        showError(null);
        save.textContent = 'Saved';
        await refreshCharts();
      } catch (e) {
        showError((e as Error).message);
      }
    };
    save.addEventListener('click', () => void rename());
    input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault(); // a name is one line: Enter saves it
      void rename();
    });
    input.addEventListener('input', () => (save.textContent = 'Save'));
    const info = el('div', {}, el('div', { className: 'size' }, `${seg.id}. ${seg.size.toLocaleString('en-US')} customers · ${(seg.share * 100).toFixed(1)}%`));
    const list = document.createElement('ul');
    for (const d of seg.distinguishing) {
      const li = document.createElement('li');
      li.textContent = `${d.phrase} (${d.detail})`;
      list.append(li);
    }
    const stability = seg.stability ? el('p', { className: 'stability' }, stabilitySentence(seg.stability)) : '';
    const action = document.createElement('div');
    action.className = 'action';
    action.textContent = `Suggested action: ${seg.suggestion.action} ${seg.suggestion.rule}`;
    const rule = seg.rule
      ? el('p', { className: 'seg-rule' }, el('strong', {}, 'Who is in it: '), seg.rule.text, el('span', { className: 'fit' }, ` (${ruleFit(seg.rule)})`))
      : '';
    const described = seg.contextProfile ? el('p', { className: 'described' }, el('strong', {}, `${CONTEXT_LEAD}: `), seg.contextProfile) : '';
    card.append(input, ' ', save, info, list, el('p', { className: 'description' }, seg.description), described, rule, stability, action);
    cards.append(card);
  }
  showUnusual(s.unusual);
  showColumnProfiles(s.columnProfiles);
  showBaseline(s.baseline);
  await drawSegmentCharts(s);
  enable('segments');
  enable('export');
  show('segments');
  document.body.dataset['segk'] = String(s.k);
  markStale({ segments: s.stale, comparison: !$('stale-compare').hidden }, false);
  members.segment = s.segments[0]?.id ?? 1;
  fill($('members-segment'), ...s.segments.map((seg) => Object.assign(el('option', {}, `${seg.id} · ${seg.name}`), { value: String(seg.id) })));
  await loadMembers({ offset: 0, sort: undefined, filter: '' });
}

// ---- Members: a segment's customers, sortable and filterable, downloadable as CSV.
const members: { segment: number; filter: string; sort?: string; descending: boolean; offset: number } = {
  segment: 1,
  filter: '',
  descending: false,
  offset: 0,
};
const PAGE = 50;
let membersTimer: ReturnType<typeof setTimeout> | undefined;

function membersQuery(): string {
  const q = new URLSearchParams({ segment: String(members.segment), filter: members.filter, offset: String(members.offset), limit: String(PAGE) });
  if (members.sort !== undefined) q.set('sort', members.sort);
  if (members.descending) q.set('desc', '1');
  return q.toString();
}

async function loadMembers(change: Partial<typeof members> = {}): Promise<void> {
  Object.assign(members, change);
  try {
    const m = await api<MembersAnswer>(`/api/members?${membersQuery()}`);
    members.offset = m.offset;
    const head = m.header.map((h, j) => {
      const th = el('th', {});
      th.setAttribute('scope', 'col');
      th.setAttribute('aria-sort', members.sort === h ? (members.descending ? 'descending' : 'ascending') : 'none');
      if (m.numeric[j]) th.className = 'num';
      const b = el('button', { className: 'sort' }, h, members.sort === h ? (members.descending ? ' ▼' : ' ▲') : '');
      b.setAttribute('type', 'button');
      b.setAttribute('aria-label', `Sort by ${h}`);
      b.addEventListener('click', () => void loadMembers({ sort: h, descending: members.sort === h ? !members.descending : false, offset: 0 }));
      th.append(b);
      return th;
    });
    const body = m.rows.map((r) => el('tr', {}, ...r.map((c, j) => el('td', m.numeric[j] ? { className: 'num' } : {}, c))));
    fill($('members-table'), el('table', { className: 'plain members' }, el('thead', {}, el('tr', {}, ...head)), el('tbody', {}, ...body)));
    const first = m.matched === 0 ? 0 : m.offset + 1;
    $('members-count').textContent =
      `${first}–${m.offset + m.rows.length} of ${m.matched.toLocaleString('en-US')} customers` +
      (m.matched < m.total ? ` matching “${members.filter}” (${m.total.toLocaleString('en-US')} in the segment)` : ' in the segment');
    $<HTMLButtonElement>('members-prev').disabled = m.offset === 0;
    $<HTMLButtonElement>('members-next').disabled = m.offset + m.rows.length >= m.matched;
    $<HTMLAnchorElement>('members-csv').href = `/api/export/members.csv?${membersQuery()}`;
    $<HTMLAnchorElement>('members-csv').download = `segment-${members.segment}-customers.csv`;
    document.body.dataset['members'] = `${members.segment}:${m.matched}`;
  } catch (e) {
    showError((e as Error).message);
  }
}
$('members-segment').addEventListener('change', () => void loadMembers({ segment: Number($<HTMLSelectElement>('members-segment').value), offset: 0 }));
$('members-filter').addEventListener('input', () => {
  clearTimeout(membersTimer);
  membersTimer = setTimeout(() => void loadMembers({ filter: $<HTMLInputElement>('members-filter').value, offset: 0 }), 250);
});
$('members-prev').addEventListener('click', () => void loadMembers({ offset: Math.max(0, members.offset - PAGE) }));
$('members-next').addEventListener('click', () => void loadMembers({ offset: members.offset + PAGE }));

/** "Unusual customers" (the report's sentence and table), under the cards; hidden when the run has none listed. */
function showUnusual(u: SegmentsAnswer['unusual']): void {
  const box = $('unusual-customers');
  box.hidden = !u;
  if (!u) return box.replaceChildren();
  const table = el(
    'table',
    { className: 'plain unusual' },
    el('caption', {}, u.caption),
    el('thead', {}, el('tr', {}, ...u.header.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...u.rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
  fill(box, el('h2', {}, 'Unusual customers'), el('p', { className: 'hint' }, u.sentence), ...(u.rows.length ? [scrollRegion(table, u.caption)] : []));
}

/** "Every column by segment" (the same tables as the report's), under the cards. */
function showColumnProfiles(t: SegmentsAnswer['columnProfiles']): void {
  const table = (caption: string, rows: readonly (readonly string[])[]): HTMLElement =>
    scrollRegion(
      el(
        'table',
        { className: 'plain profile-table' },
        el('caption', {}, caption),
        el('thead', {}, el('tr', {}, ...t.header.map((h) => el('th', {}, h)))),
        el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c, j) => (j === 0 ? el('th', {}, c) : el('td', {}, c)))))),
      ),
      caption,
    );
  fill($('column-profiles'), el('h2', {}, 'Every column by segment'), el('p', { className: 'hint' }, t.note), ...t.tables.map((x) => table(x.caption, x.rows)));
}

/** "What changed since the baseline" (the same tables as the report's section), or nothing. */
function showBaseline(b: SegmentsAnswer['baseline']): void {
  $('baseline-result').hidden = !b;
  $('baseline-clear').hidden = !b;
  if (!b) return $('baseline-result').replaceChildren();
  const heat = el(
    'table',
    { className: 'plain migration' },
    el('caption', {}, b.migration.caption),
    el('thead', {}, el('tr', {}, el('th', {}, 'baseline ↓ · now →'), ...b.migration.header.map((h) => el('th', {}, h)))),
    el(
      'tbody',
      {},
      ...b.migration.rows.map((r) =>
        el(
          'tr',
          {},
          el('th', {}, r.label),
          ...r.cells.map((c) => {
            const td = el('td', {}, c.count.toLocaleString('en-US'), el('br', {}), el('small', {}, `${(c.share * 100).toFixed(0)}%`));
            Object.assign(td.style, migrationCellColours(c.share));
            return td;
          }),
          el('td', {}, r.total.toLocaleString('en-US')),
        ),
      ),
      el('tr', {}, el('th', {}, 'in both'), ...b.migration.totals.map((v) => el('td', {}, v.toLocaleString('en-US')))),
    ),
  );
  fill(
    $('baseline-result'),
    el('p', {}, b.sentence),
    scrollRegion(plain(table([...b.sizes.header], b.sizes.rows)), 'Segments now and in the baseline'),
    scrollRegion(heat, b.migration.caption),
  );
}

/** Sends the earlier run's model.json (then its segments.csv) and re-runs the shown k against it. */
async function compareWithBaseline(files: File[]): Promise<void> {
  const model = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  const csv = files.find((f) => f.name.toLowerCase().endsWith('.csv'));
  if (!model) throw new Error('choose the model.json of the earlier run (and its segments.csv)');
  const send = (path: string, f: File): Promise<BaselineAnswer> =>
    api<BaselineAnswer>(path, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-file-name': f.name }, body: f });
  await send('/api/baseline/model.json', model);
  if (csv) await send('/api/baseline/segments.csv', csv);
  await runJob(Number(document.body.dataset['segk']));
  await showSegments();
}
$('baseline-files').addEventListener('change', async () => {
  const input = $<HTMLInputElement>('baseline-files');
  try {
    showError(null);
    await compareWithBaseline([...(input.files ?? [])]);
  } catch (e) {
    showError((e as Error).message);
  } finally {
    input.value = '';
  }
});
$('baseline-clear').addEventListener('click', async () => {
  try {
    await api('/api/baseline', { method: 'DELETE' });
    await runJob(Number(document.body.dataset['segk']));
    await showSegments();
  } catch (e) {
    showError((e as Error).message);
  }
});

async function drawSegmentCharts(s: SegmentsAnswer): Promise<void> {
  const charts = s.charts as Record<string, object>;
  await Promise.all(
    ['scatter', 'profile', 'pairs', 'silhouette', 'dendrogram', 'split-tree'].filter((id) => charts[id]).map((id) => draw(id, charts[id]!, s.tables[id])),
  );
  $('chart-dendrogram').hidden = !charts['dendrogram'];
  $('chart-split-tree').hidden = !charts['split-tree'];
  $('pca3d-block').hidden = s.scatter3d === null;
  if (s.scatter3d) mountScatter3d($<HTMLCanvasElement>('pca3d'), s.scatter3d as Scatter3dData);
}

async function refreshCharts(): Promise<void> {
  await drawSegmentCharts(await api<SegmentsAnswer>('/api/segments'));
}

// ---- 5. Compare
$('compare').addEventListener('click', async () => {
  const button = $<HTMLButtonElement>('compare');
  button.disabled = true;
  showError(null);
  try {
    await postJson('/api/compare');
    for (;;) {
      const job = await api<CompareAnswer>('/api/compare');
      const progress = $<HTMLProgressElement>('compare-progress');
      progress.max = job.total;
      progress.value = job.done;
      $('compare-text').textContent = job.status === 'running' ? job.stage : job.status === 'done' ? 'done' : '';
      if (job.status === 'error') throw new Error(job.error);
      if (job.status === 'done') {
        const c = job.comparison!;
        $('stale-compare').hidden = !job.stale;
        tabMark('compare', job.stale === true);
        const names = (method: string): string[] => c.methods.find((m) => m.method === method)!.segments;
        fill(
          $('compare-result'),
          scrollRegion(
            plain(
              table(
                ['method', 'k', 'silhouette', 'Calinski–Harabasz', 'Davies–Bouldin', 'segment sizes', 'how k was chosen'],
                c.methods.map((m) => [m.method, String(m.k), fmt(m.silhouette), fmt(m.calinskiHarabasz), fmt(m.daviesBouldin), m.sizes.join(' / '), m.reason]),
              ),
            ),
            'Methods compared',
          ),
          el('p', {}, 'Agreement between methods (1 = the same segments up to numbering):'),
          scrollRegion(
            plain(
              table(
                ['methods', 'adjusted Rand index', 'adjusted mutual information'],
                c.agreements.map((a) => [`${a.a} vs ${a.b}`, fmt(a.adjustedRand), fmt(a.adjustedMutualInfo)]),
              ),
            ),
            'Agreement between methods',
          ),
          ...c.agreements.flatMap((a) => [
            el('p', {}, `${a.a} (rows) × ${a.b} (columns):`),
            scrollRegion(
              plain(
                table(
                  ['', ...names(a.b)],
                  a.crossTable.map((row, i) => [names(a.a)[i]!, ...row.map(String)]),
                ),
              ),
              `${a.a} × ${a.b}`,
            ),
          ]),
        );
        await draw('comparison', c.chart);
        document.body.dataset['compared'] = 'true';
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    showError((e as Error).message);
  } finally {
    button.disabled = false;
  }
});

// ---- RFM mode: an order log's customers by recency, frequency and monetary value.
const RFM_ROLES: ReadonlyArray<readonly [keyof RfmRequest, string]> = [
  ['customer', 'Customer'],
  ['date', 'Order date'],
  ['invoice', 'Invoice or order number'],
  ['quantity', 'Quantity'],
  ['price', 'Unit price'],
  ['amount', 'Amount (instead of quantity × price)'],
];

/** Shows the order-log panel (with the server's guesses of which column holds what), or hides it. */
function showOrderLog(data: DataAnswer): void {
  $('order-log').hidden = data.orderLog === null;
  $('tab-rfm').hidden = true;
  if (!data.orderLog) return;
  const guess = data.orderLog as Partial<Record<keyof RfmRequest, string>>;
  fill(
    $('rfm-mapping'),
    ...RFM_ROLES.map(([role, title]) => {
      const select = el('select', {}, el('option', {}, ''), ...data.columns.map((c) => el('option', {}, c.name))) as HTMLSelectElement;
      select.id = `rfm-${role}`;
      select.value = guess[role] ?? '';
      return el('label', {}, `${title} `, select);
    }),
  );
}

$('rfm-run').addEventListener('click', async () => {
  const button = $<HTMLButtonElement>('rfm-run');
  button.disabled = true;
  showError(null);
  try {
    const request = Object.fromEntries(RFM_ROLES.map(([role]) => [role, $<HTMLSelectElement>(`rfm-${role}`).value]).filter(([, v]) => v !== '')) as RfmRequest;
    await postJson('/api/rfm', request);
    for (;;) {
      const job = await api<RfmAnswer>('/api/rfm');
      $('rfm-text').textContent = job.status === 'running' ? job.stage : job.status === 'done' ? 'done' : '';
      if (job.status === 'error') throw new Error(job.error);
      if (job.status === 'done') {
        await showRfm(job);
        break;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  } catch (e) {
    $('rfm-text').textContent = '';
    showError((e as Error).message);
  } finally {
    button.disabled = false;
  }
});

async function showRfm(job: RfmAnswer): Promise<void> {
  const s = job.summary!;
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const money = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  fill(
    $('rfm-summary'),
    el(
      'p',
      {},
      `${s.cleaning.lines.toLocaleString('en-US')} order lines → ${s.cleaning.customers.toLocaleString('en-US')} customers; recency counted to ${s.asOf}.`,
    ),
    scrollRegion(
      plain(
        captioned(
          table(
            ['RFM segment', 'customers', 'share', 'orders', 'revenue', 'revenue share', 'average order'],
            s.segments.map((g) => [
              g.name,
              g.customers.toLocaleString('en-US'),
              pct(g.shareOfCustomers),
              g.orders.toLocaleString('en-US'),
              money(g.revenue),
              pct(g.shareOfRevenue),
              money(g.averageOrderValue),
            ]),
          ),
          'RFM segments (named by rules on the R, F and M scores)',
        ),
      ),
      'RFM segments',
    ),
    el('p', {}, `Clusters on log R, F, M: ${s.clustering.reason}`),
  );
  const charts = job.charts ?? {};
  $('tab-rfm').hidden = false;
  enable('rfm');
  show('rfm');
  await Promise.all(
    [
      ['rfm-segments', 'rfm-segments'],
      ['rfm-grid', 'rfm-grid'],
    ].map(([id, key]) => (charts[key!] ? draw(id!, charts[key!]!.spec, charts[key!]!.table) : Promise.resolve())),
  );
  document.body.dataset['rfm'] = String(s.cleaning.customers);
}

document.body.dataset['ready'] = 'true';
