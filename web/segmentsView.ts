// 4. Segments: the cards, the shortlist of k and its warnings, the charts, members, and a baseline to compare with.
import { mountScatter3d, type Scatter3dData } from '../src/report/scatter3d.js';
import type { BaselineAnswer, SegmentsAnswer } from '../src/server/api.js';
import { api } from './apiClient.js';
import { draw } from './charts.js';
import { $, el, fill, plain, scrollRegion, showError, table } from './dom.js';
import { runJob } from './jobRunner.js';
import { renamePickerOptions, resetMembers, wireMembers } from './membersTable.js';
import { segmentCard } from './segmentCard.js';
import { showBaseline, showColumnProfiles, showUnusual } from './segmentPanels.js';
import { markStale } from './staleness.js';
import { enable, show, type View } from './tabs.js';

/** The warnings about k and the shortlist of k worth a look. */
function showKAdvice(s: SegmentsAnswer): void {
  fill($('k-warnings'), ...s.kWarnings.map((w) => el('li', {}, el('strong', {}, 'Look twice: '), w.message)));
  $('k-warnings').hidden = s.kWarnings.length === 0;
  const mark = (k: number): string => (k === s.shortlist.chosen ? ' (shown)' : k === s.shortlist.alternative ? ' (the alternative)' : '');
  const alternatives = s.shortlist.rows.map((r: string[]) => [`${r[0]}${mark(Number(r[0]))}`, ...r.slice(1)]);
  fill($('k-shortlist'), el('p', {}, `${s.shortlist.caption}:`), scrollRegion(plain(table([...s.shortlist.header], alternatives)), 'k worth a look'));
  $('k-shortlist').hidden = s.shortlist.rows.length < 2;
}

/** Loads and shows the session's segments, and opens their view. */
export async function showSegments(): Promise<void> {
  const s = await api<SegmentsAnswer>('/api/segments');
  $('segments-reason').textContent = s.reason;
  $('segments-method').textContent = `Method: ${s.method}; k = ${s.k}.`;
  showKAdvice(s);
  fill($('cards'), ...s.segments.map((seg) => segmentCard(seg, refreshCharts)));
  showUnusual(s.unusual);
  showColumnProfiles(s.columnProfiles);
  showBaseline(s.baseline);
  await drawSegmentCharts(s);
  enable('segments');
  enable('export');
  show('segments');
  document.body.dataset['segk'] = String(s.k);
  markStale({ segments: s.stale, comparison: !$('stale-compare').hidden }, false);
  await resetMembers(s.segments);
}

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

/** Redraws the charts (segment names changed). */
/** After a rename: every chart and the members' segment picker show the new name. */
async function refreshCharts(): Promise<void> {
  const s = await api<SegmentsAnswer>('/api/segments');
  renamePickerOptions(s.segments);
  await drawSegmentCharts(s);
}

/** Runs the shown k again (with the current setup and baseline) and shows the new segments. */
async function rerunShown(): Promise<void> {
  await runJob(Number(document.body.dataset['segk']));
  await showSegments();
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
  await rerunShown();
}

/** "Re-run" buttons of out-of-date views, the baseline's file picker and clear button, and the members table. */
export function wireSegmentsView(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('.rerun'))
    button.addEventListener('click', async () => {
      const note = button.parentElement!.querySelector('.rerun-text')!;
      const back = document.body.dataset['view'] as View;
      button.disabled = true;
      try {
        note.textContent = 'computing…';
        await rerunShown();
        show(back);
        note.textContent = '';
      } catch (e) {
        note.textContent = '';
        showError((e as Error).message);
      } finally {
        button.disabled = false;
      }
    });
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
      await rerunShown();
    } catch (e) {
      showError((e as Error).message);
    }
  });
  wireMembers();
}
