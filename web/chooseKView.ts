// 3. Choose k: the sweep of k with its recommendation and elbow chart, and segments at the k the user picks.
import { draw } from './charts.js';
import { $, showError } from './dom.js';
import { runJob } from './jobRunner.js';
import { showSegments } from './segmentsView.js';

/** "Compute" sweeps k; "Show segments" runs the picked k (unless it is the sweep's own) and shows them. */
export function wireChooseKView(): void {
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
}
