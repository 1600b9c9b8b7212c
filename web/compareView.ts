// 5. Compare: k-means, hierarchical clustering and Gaussian mixtures on the same setup, and how far they agree.
import type { CompareAnswer } from '../src/server/api.js';
import { pollJob, postJson } from './apiClient.js';
import { setupSettled } from './setupView.js';
import { draw } from './charts.js';
import { $, el, fill, fmt, plain, scrollRegion, showError, table } from './dom.js';
import { tabMark } from './tabs.js';

/** The comparison's tables: each method's figures, their agreement, and each pair's cross-table of segments. */
function showComparison(c: NonNullable<CompareAnswer['comparison']>): void {
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
}

/** "Compare" starts the comparison, follows its progress and shows it. */
export function wireCompareView(): void {
  $('compare').addEventListener('click', async () => {
    const button = $<HTMLButtonElement>('compare');
    button.disabled = true;
    showError(null);
    try {
      await setupSettled();
      await postJson('/api/compare');
      const job = await pollJob<CompareAnswer>('/api/compare', (j) => {
        const progress = $<HTMLProgressElement>('compare-progress');
        progress.max = j.total;
        progress.value = j.done;
        $('compare-text').textContent = j.status === 'running' ? j.stage : j.status === 'done' ? 'done' : '';
      });
      $('stale-compare').hidden = !job.stale;
      tabMark('compare', job.stale === true);
      showComparison(job.comparison!);
      await draw('comparison', job.comparison!.chart);
      document.body.dataset['compared'] = 'true';
    } catch (e) {
      showError((e as Error).message);
    } finally {
      button.disabled = false;
    }
  });
}
