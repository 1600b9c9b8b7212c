import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compile } from 'vega-lite';
import { chartSafeText } from '../charts/chartSafeText.js';
import type { ChartSpec } from '../charts/chartSpec.js';
import { narrowSpec } from '../charts/narrowSpec.js';

const require = createRequire(import.meta.url);

/** Which screen a chart is laid out for: 'narrow' below 600 px (a phone; see `narrowSpec`), else 'wide'. */
export type ChartLayout = 'wide' | 'narrow';

/**
 * Compiles a Vega-Lite spec to a Vega spec (done in Node, so the report only needs Vega's runtime), laid out
 * for `layout`, after making every text in it safe for Vega's expressions (`chartSafeText`).
 */
export function toVega(spec: ChartSpec, layout: ChartLayout = 'wide'): object {
  const vega = compile(chartSafeText(layout === 'narrow' ? narrowSpec(spec) : spec) as unknown as Parameters<typeof compile>[0]).spec as Record<
    string,
    unknown
  >;
  // A canvas chart's text cannot be measured in the page: its smallest font size travels with it.
  const usermeta = vega['usermeta'] as Record<string, unknown> | undefined;
  return usermeta?.['renderer'] === 'canvas' ? { ...vega, usermeta: { ...usermeta, minFont: smallestFont(vega) } } : vega;
}

/** The smallest font size (px) a compiled Vega spec asks for: its config's and its marks' (10 when none says). O(size). */
function smallestFont(node: unknown): number {
  let min = Infinity;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    for (const [key, x] of Object.entries(v)) {
      const size =
        typeof x === 'number'
          ? x
          : typeof x === 'object' && x !== null && typeof (x as { value?: unknown }).value === 'number'
            ? (x as { value: number }).value
            : NaN;
      if (/fontSize$/i.test(key) && size > 0) min = Math.min(min, size);
      else walk(x);
    }
  };
  walk(node);
  return Number.isFinite(min) ? min : 10;
}

let vegaRuntime: string | undefined;

/** The minified Vega runtime shipped in the `vega` package, for inlining into the report (read once). */
export function vegaRuntimeSource(): string {
  vegaRuntime ??= readFileSync(join(dirname(require.resolve('vega')), 'vega.min.js'), 'utf8');
  return vegaRuntime;
}

/** DejaVu Sans font files shipped by the `dejavu-fonts-ttf` package, for rendering PNGs without system fonts. */
export function chartFontFiles(): string[] {
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(dir, f));
}
