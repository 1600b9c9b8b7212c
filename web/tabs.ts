import { $, el } from './dom.js';

/** The studio's views, in the order of their tabs. */
export const VIEWS = ['data', 'setup', 'k', 'segments', 'compare', 'export', 'rfm', 'clv'] as const;
export type View = (typeof VIEWS)[number];

/** Shows one view and selects its tab. */
export function show(view: View): void {
  for (const v of VIEWS) {
    $(`view-${v}`).hidden = v !== view;
    $(`tab-${v}`).setAttribute('aria-selected', String(v === view));
  }
  // On a phone the tabs slide sideways: the chosen one is brought into sight.
  $(`tab-${view}`).scrollIntoView({ block: 'nearest', inline: 'nearest' });
  document.body.dataset['view'] = view;
}

/** Lets the user reach a view. */
export function enable(view: View): void {
  ($(`tab-${view}`) as HTMLButtonElement).disabled = false;
}

/** Makes a step's tab unreachable (its prerequisite is missing). */
export function disable(view: View): void {
  ($(`tab-${view}`) as HTMLButtonElement).disabled = true;
}

/** A visible "out of date" on a step's tab (text, so screen readers say it too). */
export function tabMark(view: View, on: boolean): void {
  const tab = $(`tab-${view}`);
  tab.querySelector('.tab-stale')?.remove();
  if (on) tab.append(el('span', { className: 'tab-stale' }, ' · out of date'));
}

/** Tabs by click, and by the arrow keys between the enabled ones. */
export function wireTabs(): void {
  for (const v of VIEWS) $(`tab-${v}`).addEventListener('click', () => show(v));
  document.querySelector('nav')!.addEventListener('keydown', (e) => {
    const tabs = VIEWS.map((v) => $(`tab-${v}`) as HTMLButtonElement).filter((t) => !t.disabled);
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0 || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
    const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    next.focus();
    next.click();
  });
}
