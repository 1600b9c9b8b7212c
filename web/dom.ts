// Small DOM helpers of the studio: everything from data goes on the page as text nodes, never as HTML.

/** The element with this id. */
export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** An element with text children (strings become text nodes, never HTML). */
export function el(tag: string, props: { className?: string } = {}, ...children: Array<Node | string>): HTMLElement {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  node.append(...children);
  return node;
}

/** Replaces an element's content by nodes. */
export function fill(target: HTMLElement, ...children: Array<Node | string>): void {
  target.replaceChildren(...children);
}

/** A table of text cells. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): HTMLElement {
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...header.map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
}

/** A table in the compact "plain" style. */
export const plain = (t: HTMLElement): HTMLElement => ((t.className = 'plain'), t);

/** A table with a caption. */
export function captioned(t: HTMLElement, caption: string): HTMLElement {
  t.prepend(el('caption', {}, caption));
  return t;
}

/** Watches a scrolling box: `data-overflow` is "true" while its content is wider than it (CSS then says it scrolls). */
export function watchOverflow(box: HTMLElement): void {
  const mark = (): void => void (box.dataset['overflow'] = String(box.scrollWidth > box.clientWidth + 1));
  new ResizeObserver(mark).observe(box);
  new MutationObserver(mark).observe(box, { childList: true, subtree: true });
}

/** A focusable, named region that scrolls sideways on narrow screens (a keyboard can scroll it), saying so when it does. */
export function scrollRegion(child: HTMLElement, name: string): HTMLElement {
  const region = el('div', { className: 'scroll' }, child);
  region.tabIndex = 0;
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', name);
  watchOverflow(region);
  return region;
}

/**
 * A figure for a table cell: four significant digits, whole numbers from 1,000 up, thousands separated ("1,564",
 * "56.33", "0.8182"); rounding noise around zero (a scaled column's mean, 1e-17) shows as 0.
 */
export const fmt = (v: number | undefined | null): string =>
  v === undefined || v === null
    ? ''
    : Math.abs(v) < 1e-10
      ? '0'
      : Math.abs(v) >= 1000 || Number.isInteger(v)
        ? Math.round(v).toLocaleString('en-US')
        : Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 20 });

/** Shows one line of error above the views, or hides it (null). */
export function showError(message: string | null): void {
  const box = $('error');
  box.hidden = message === null;
  box.textContent = message ?? '';
}
