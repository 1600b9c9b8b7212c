import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compile } from 'vega-lite';
import { chartSafeText } from '../charts/chartSafeText.js';
import type { ChartSpec } from '../charts/chartSpec.js';

const require = createRequire(import.meta.url);

/**
 * Compiles a Vega-Lite spec to a Vega spec (done in Node, so the report only needs Vega's runtime), after
 * making every text in it safe for Vega's expressions (`chartSafeText`).
 */
export function toVega(spec: ChartSpec): object {
  return compile(chartSafeText(spec) as unknown as Parameters<typeof compile>[0]).spec;
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
