// 3. Choose k: the sweep of k with its recommendation, charts and shortlist, and the segments at the k the
// user picks (from the charts, the shortlist or the box), computed against the same sweep.
import type { JobAnswer } from '../src/server/api.js';
import { draw, onChartClick } from './charts.js';
import { $, el, fill, plain, scrollRegion, showError, table } from './dom.js';
import { runJob } from './jobRunner.js';
import { showSegments } from './segmentsView.js';

/** The k whose segments the session holds now (the last preview or the recommendation). */
let shownK: number | undefined;

/** Draws a finished job: the recommendation, the charts and shortlist with the shown k marked, its segments. */
async function showChoice(job: JobAnswer): Promise<void> {
  $('recommended').textContent = String(job.recommended);
  $('k-reason').textContent = job.recommendedReason ?? '';
  shownK = job.k;
  const input = $<HTMLInputElement>('k-input');
  input.value = String(job.k);
  const ks = (job.perK ?? []).map((p) => p.k);
  if (ks.length) [input.min, input.max] = [String(ks[0]), String(ks.at(-1))];
  $('k-shown').textContent = String(job.k);
  $('k-shown-reason').textContent = job.reason ?? '';
  $('k-shown-reason').hidden = job.k === job.recommended;
  const rows = (job.preview ?? []).map((s) => [String(s.id), s.name, s.size.toLocaleString('en-US'), `${(s.share * 100).toFixed(1)}%`]);
  fill($('k-preview-table'), scrollRegion(plain(table(['#', 'segment', 'customers', 'share'], rows)), `segments at k = ${job.k}`));
  if (job.shortlist) fill($('k-picker'), ...shortlistPicker(job.shortlist, job.recommended!));
  $('k-result').hidden = false;
  $('stale-k').hidden = true;
  await draw('elbow', job.elbow!);
  onChartClick('elbow', (datum) => {
    const k = (datum as { k?: unknown } | undefined)?.k;
    if (typeof k === 'number') void pick(k);
  });
  document.body.dataset['k'] = String(job.recommended);
  document.body.dataset['shownk'] = String(job.k);
}

/** The shortlist as a table whose k cells are buttons that show that k. */
function shortlistPicker(s: NonNullable<JobAnswer['shortlist']>, recommended: number): HTMLElement[] {
  const mark = (k: number): string => (k === s.chosen ? ' (shown)' : k === recommended ? ' (recommended)' : k === s.alternative ? ' (the alternative)' : '');
  const t = plain(table([...s.header], s.rows));
  t.querySelectorAll('tbody tr').forEach((tr, i) => {
    const k = Number(s.rows[i]![0]);
    const button = el('button', { className: 'link' }, `k = ${k}`) as HTMLButtonElement;
    button.type = 'button';
    button.setAttribute('aria-pressed', String(k === s.chosen));
    button.addEventListener('click', () => void pick(k));
    tr.firstElementChild!.replaceChildren(button, mark(k));
  });
  return [el('p', {}, `${s.caption}:`), scrollRegion(t, 'k worth a look')];
}

/** Segments at k against the kept sweep (nothing to do when it is the k shown). */
async function pick(k: number): Promise<void> {
  if (k === shownK) return;
  try {
    await showChoice(await runJob(k));
  } catch (e) {
    showError((e as Error).message);
  }
}

/** "Compute" sweeps k; a picked k is previewed; "Show segments" opens the segments of the k in the box. */
export function wireChooseKView(): void {
  $('compute').addEventListener('click', async () => {
    const button = $<HTMLButtonElement>('compute');
    button.disabled = true;
    try {
      shownK = undefined;
      await showChoice(await runJob());
    } catch (e) {
      showError((e as Error).message);
    } finally {
      button.disabled = false;
    }
  });
  $('preview-k').addEventListener('click', () => void pick(Number($<HTMLInputElement>('k-input').value)));
  $('show-segments').addEventListener('click', async () => {
    const k = Number($<HTMLInputElement>('k-input').value);
    try {
      if (k !== shownK) await showChoice(await runJob(k));
      await showSegments();
    } catch (e) {
      showError((e as Error).message);
    }
  });
}
