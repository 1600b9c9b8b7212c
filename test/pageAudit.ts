import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is now (injected through the DevTools
 * protocol, so a strict Content-Security-Policy does not block it): "rule: selector" lines, empty when clean.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

/**
 * What is wider than its box: the page (scrollWidth > clientWidth) and each visible chart container; empty
 * when nothing overflows sideways.
 */
export function horizontalOverflow(page: Page, charts = '.chart'): Promise<string[]> {
  return page.evaluate((selector) => {
    const out: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth) out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    for (const c of document.querySelectorAll<HTMLElement>(selector))
      if (c.offsetParent !== null && c.scrollWidth > c.clientWidth) out.push(`#${c.id} ${c.scrollWidth} > ${c.clientWidth}`);
    return out;
  }, charts);
}

/**
 * Chart text drawn smaller than `minPx` CSS pixels on the page as it is now: each visible SVG chart's text by
 * its font size times the scale it is drawn at (the chart shrunk to its box), and each canvas chart by the
 * smallest font its spec asks for (`data-min-font`, else 10) times its scale. "#chart: text (px)" lines, the
 * smallest per chart, empty when every text is at least `minPx`.
 */
export function smallChartText(page: Page, minPx = 10): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    for (const chart of document.querySelectorAll<HTMLElement>('.chart')) {
      if (chart.offsetParent === null) continue;
      let smallest: { text: string; px: number } | null = null;
      for (const t of chart.querySelectorAll<SVGTextElement>('svg text')) {
        if (!t.textContent?.trim() || t.getClientRects().length === 0) continue;
        const m = t.getScreenCTM();
        if (!m) continue;
        const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
        if (px < min && (!smallest || px < smallest.px)) smallest = { text: t.textContent.trim().slice(0, 40), px };
      }
      for (const c of chart.querySelectorAll<HTMLCanvasElement>('canvas')) {
        const shown = c.getBoundingClientRect().width;
        const drawn = c.width / devicePixelRatio;
        const px = (Number(chart.dataset['minFont'] ?? 10) * shown) / drawn;
        if (shown > 0 && px < min && (!smallest || px < smallest.px)) smallest = { text: '(canvas)', px };
      }
      if (smallest) out.push(`#${chart.id}: ${smallest.text} (${smallest.px.toFixed(1)} px)`);
    }
    return out;
  }, minPx);
}
