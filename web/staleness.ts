// Out of date: results from an earlier setup stay visible, marked, with "re-run"; the server refuses to export them.
import type { Staleness } from '../src/server/api.js';
import { $ } from './dom.js';
import { tabMark } from './tabs.js';

/**
 * Marks (or clears) the views whose results came from another setup than the current one: a note on the
 * view and on its tab, and Export's links hidden. `changed`: the setup changed, so the k sweep is gone too.
 */
export function markStale(stale: Staleness, changed: boolean): void {
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
