import { CONTEXT_LEAD } from '../src/explain/contextProfile.js';
import { ruleFit } from '../src/explain/ruleSentence.js';
import { stabilitySentence } from '../src/explain/stabilitySentence.js';
import type { SegmentsAnswer } from '../src/server/api.js';
import { api } from './apiClient.js';
import { el, showError } from './dom.js';

/**
 * One segment's card: its name (editable: Enter or Save renames it on the server, then `onRenamed`), size,
 * what distinguishes it, its description, what describes it beside the features, its rule, stability and the
 * suggested action.
 */
export function segmentCard(seg: SegmentsAnswer['segments'][number], onRenamed: () => Promise<void>): HTMLElement {
  const card = document.createElement('article');
  card.className = 'card';
  card.style.setProperty('--c', seg.color);
  // A text area, so long names wrap inside the card instead of being cut ("High income · High spe").
  const input = document.createElement('textarea');
  input.rows = 2;
  input.value = seg.name;
  input.setAttribute('aria-label', `Name of segment ${seg.id}`);
  input.dataset['segment'] = String(seg.id);
  const save = document.createElement('button');
  save.type = 'button';
  save.textContent = 'Save';
  const rename = async (): Promise<void> => {
    try {
      await api(`/api/segments/${seg.id}/name`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: input.value }),
      });
      showError(null);
      save.textContent = 'Saved';
      await onRenamed();
    } catch (e) {
      showError((e as Error).message);
    }
  };
  save.addEventListener('click', () => void rename());
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault(); // a name is one line: Enter saves it
    void rename();
  });
  input.addEventListener('input', () => (save.textContent = 'Save'));
  const info = el('div', {}, el('div', { className: 'size' }, `${seg.id}. ${seg.size.toLocaleString('en-US')} customers · ${(seg.share * 100).toFixed(1)}%`));
  const list = el('ul', {}, ...seg.distinguishing.map((d) => el('li', {}, `${d.phrase} (${d.detail})`)));
  const stability = seg.stability ? el('p', { className: 'stability' }, stabilitySentence(seg.stability)) : '';
  const action = el('div', { className: 'action' }, `Suggested action: ${seg.suggestion.action} ${seg.suggestion.rule}`);
  const rule = seg.rule
    ? el('p', { className: 'seg-rule' }, el('strong', {}, 'Who is in it: '), seg.rule.text, el('span', { className: 'fit' }, ` (${ruleFit(seg.rule)})`))
    : '';
  const described = seg.contextProfile ? el('p', { className: 'described' }, el('strong', {}, `${CONTEXT_LEAD}: `), seg.contextProfile) : '';
  card.append(input, ' ', save, info, list, el('p', { className: 'description' }, seg.description), described, rule, stability, action);
  return card;
}
