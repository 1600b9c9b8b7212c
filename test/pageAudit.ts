import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the page as it is now (injected through the DevTools
 * protocol, once per page, so a strict Content-Security-Policy does not block it): "rule: selector" lines,
 * empty when clean. Only the rules of a plain `axe.run` that can find something serious or critical run (the
 * others' findings would be dropped anyway; their impacts come from axe's rule table `_audit`, pinned by the
 * lockfile, and test/pageAudit.e2e.test.ts fails if it moves), and subtrees with the `hidden` attribute are
 * left out: nobody sees or hears them, and the studio's views are audited each while it is shown. The same
 * findings, and about a third less of axe's time on a studio page (most of its nodes are hidden views' charts).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    interface Rule {
      id: string;
      enabled: boolean;
      impact: string;
      tags: string[];
    }
    interface Violation {
      id: string;
      impact: string;
      nodes: Array<{ target: string[] }>;
    }
    const axe = (
      window as unknown as {
        axe: { _audit: { rules: Rule[] }; run: (ctx: object, o: object) => Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const serious = (impact: string): boolean => impact === 'serious' || impact === 'critical';
    // The rules a plain axe.run runs (enabled, not experimental) that can find something serious.
    const rules = axe._audit.rules.filter((r) => r.enabled && !r.tags.includes('experimental') && serious(r.impact)).map((r) => r.id);
    const result = await axe.run({ exclude: [['[hidden]']] }, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
    return result.violations.filter((v) => serious(v.impact)).flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
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
