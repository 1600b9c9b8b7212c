import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { Chart } from '../charts/chartSpec.js';
import { chartFontFiles, toVega } from './vegaAssets.js';

/**
 * Renders a chart to PNG in Node, without a browser: Vega-Lite → Vega → SVG (headless Vega view) → PNG
 * (resvg, with the DejaVu fonts shipped as an npm package, so output does not depend on system fonts).
 * `scale` multiplies the pixel size (2 = crisp on high-DPI screens and in print).
 */
export async function renderChartPng(chart: Chart, scale = 2): Promise<Buffer> {
  const view = new vega.View(vega.parse(toVega(chart.spec) as vega.Spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
