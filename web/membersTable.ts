// Members: a segment's customers, sortable and filterable, a page at a time, downloadable as CSV.
import type { MembersAnswer } from '../src/server/api.js';
import { api } from './apiClient.js';
import { $, el, fill, showError } from './dom.js';

/** What the members table shows: the segment, the filter, the sort and the page. */
const members: { segment: number; filter: string; sort?: string; descending: boolean; offset: number } = {
  segment: 1,
  filter: '',
  descending: false,
  offset: 0,
};
const PAGE = 50;
let membersTimer: ReturnType<typeof setTimeout> | undefined;
/** The number of the latest members request: an answer to an earlier one (a sort clicked twice) is dropped. */
let latestRequest = 0;

function membersQuery(): string {
  const q = new URLSearchParams({ segment: String(members.segment), filter: members.filter, offset: String(members.offset), limit: String(PAGE) });
  if (members.sort !== undefined) q.set('sort', members.sort);
  if (members.descending) q.set('desc', '1');
  return q.toString();
}

/** The table's head: one sort button per column, saying how it sorts. */
function membersHead(m: MembersAnswer): HTMLElement[] {
  return m.header.map((h, j) => {
    const th = el('th', {});
    th.setAttribute('scope', 'col');
    th.setAttribute('aria-sort', members.sort === h ? (members.descending ? 'descending' : 'ascending') : 'none');
    if (m.numeric[j]) th.className = 'num';
    const b = el('button', { className: 'sort' }, h, members.sort === h ? (members.descending ? ' ▼' : ' ▲') : '');
    b.setAttribute('type', 'button');
    b.setAttribute('aria-label', `Sort by ${h}`);
    b.addEventListener('click', () => void loadMembers({ sort: h, descending: members.sort === h ? !members.descending : false, offset: 0 }));
    th.append(b);
    return th;
  });
}

/** Loads and draws a page of members after `change` (another segment, filter, sort or page). */
export async function loadMembers(change: Partial<typeof members> = {}): Promise<void> {
  Object.assign(members, change);
  const request = ++latestRequest;
  try {
    const m = await api<MembersAnswer>(`/api/members?${membersQuery()}`);
    if (request !== latestRequest) return; // a later request's answer draws the table
    members.offset = m.offset;
    const body = m.rows.map((r) => el('tr', {}, ...r.map((c, j) => el('td', m.numeric[j] ? { className: 'num' } : {}, c))));
    fill($('members-table'), el('table', { className: 'plain members' }, el('thead', {}, el('tr', {}, ...membersHead(m))), el('tbody', {}, ...body)));
    const first = m.matched === 0 ? 0 : m.offset + 1;
    $('members-count').textContent =
      `${first}–${m.offset + m.rows.length} of ${m.matched.toLocaleString('en-US')} customers` +
      (m.matched < m.total ? ` matching “${members.filter}” (${m.total.toLocaleString('en-US')} in the segment)` : ' in the segment');
    $<HTMLButtonElement>('members-prev').disabled = m.offset === 0;
    $<HTMLButtonElement>('members-next').disabled = m.offset + m.rows.length >= m.matched;
    $<HTMLAnchorElement>('members-csv').href = `/api/export/members.csv?${membersQuery()}`;
    $<HTMLAnchorElement>('members-csv').download = `segment-${members.segment}-customers.csv`;
    document.body.dataset['members'] = `${members.segment}:${m.matched}`;
  } catch (e) {
    showError((e as Error).message);
  }
}

/** The members of the first of these segments, from the first page, unsorted and unfiltered. */
export async function resetMembers(segments: ReadonlyArray<{ id: number; name: string }>): Promise<void> {
  fill($('members-segment'), ...segments.map((seg) => Object.assign(el('option', {}, `${seg.id} · ${seg.name}`), { value: String(seg.id) })));
  await loadMembers({ segment: segments[0]?.id ?? 1, offset: 0, sort: undefined, filter: '' });
}

/** The picker's names after a rename, the chosen segment kept. */
export function renamePickerOptions(segments: ReadonlyArray<{ id: number; name: string }>): void {
  for (const option of $<HTMLSelectElement>('members-segment').options) {
    const seg = segments.find((x) => String(x.id) === option.value);
    if (seg) option.textContent = `${seg.id} · ${seg.name}`;
  }
}

/** The segment picker, the filter box (after a pause in typing) and the page buttons. */
export function wireMembers(): void {
  $('members-segment').addEventListener('change', () => void loadMembers({ segment: Number($<HTMLSelectElement>('members-segment').value), offset: 0 }));
  $('members-filter').addEventListener('input', () => {
    clearTimeout(membersTimer);
    membersTimer = setTimeout(() => void loadMembers({ filter: $<HTMLInputElement>('members-filter').value, offset: 0 }), 250);
  });
  $('members-prev').addEventListener('click', () => void loadMembers({ offset: Math.max(0, members.offset - PAGE) }));
  $('members-next').addEventListener('click', () => void loadMembers({ offset: members.offset + PAGE }));
}
