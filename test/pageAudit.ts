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
