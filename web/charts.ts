// Charts arrive as compiled Vega specs from the server (built by the same chart builders as the report) and
// are drawn here by Vega's runtime, bundled so nothing loads from the network. They are evaluated by
// vega-interpreter, so the studio's Content-Security-Policy needs no 'unsafe-eval'.
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { ChartDataTable } from '../src/charts/chartDataTable.js';
import { $, captioned, el, plain, scrollRegion, table } from './dom.js';

const drawn: Record<string, vega.View> = {};

/**
 * Draws a compiled chart into #chart-ID (SVG, or a canvas when the spec asks for one: many points), and its
 * "show data" table, folded, right under it.
 */
export async function draw(id: string, spec: object, data?: ChartDataTable | null): Promise<void> {
  drawn[id]?.finalize();
  const container = $(`chart-${id}`);
  container.hidden = false;
  const meta = ((spec as { usermeta?: { renderer?: string } }).usermeta ?? {}) as { renderer?: 'svg' | 'canvas'; minFont?: number };
  // A canvas chart's smallest text, for checks of what can be read (SVG text is measured in the page).
  if (meta.minFont) container.dataset['minFont'] = String(meta.minFont);
  else delete container.dataset['minFont'];
  const runtime = vega.parse(spec as vega.Spec, undefined, { ast: true });
  const view = new vega.View(runtime, {
    renderer: meta.renderer ?? 'svg',
    container: `#chart-${id}`,
    hover: true,
    expr: expressionInterpreter,
  } as vega.ViewOptions);
  drawn[id] = view;
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

/** Calls `handler` with the data row under a click on chart ID (undefined on the background); the last handler wins. */
export function onChartClick(id: string, handler: (datum: unknown) => void): void {
  drawn[id]?.addEventListener('click', (_event, item) => handler((item as { datum?: unknown } | null | undefined)?.datum));
}
