// Budget pacing per campaign against its plan: for `even` pacing, today's spend against the daily budget's straight
// line through the UTC day (the line the budget grain leases along); for every campaign with a flight end, the
// flight's spend against the total budget's straight line from start to end. `asap` campaigns have no daily line,
// and without a flight end there is no total line: "—" rather than a verdict against a plan nobody set.
import { api } from '../api.js';
import { csvButton } from '../csv.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { listOf } from '../kpi-shapes.js';

const DAY_MS = 86_400_000;

/** Spent ÷ planned so far, or null when there is no plan yet. */
export function pace(spent, budget, startMs, endMs, now) {
  if (!budget || startMs == null || endMs == null || endMs <= startMs) return null;
  const planned = budget * Math.min(1, Math.max(0, (now - startMs) / (endMs - startMs)));
  return planned > 0 ? spent / planned : null;
}

const verdict = (p) => (p == null ? '—' : p < 0.9 ? 'behind' : p > 1.1 ? 'ahead' : 'on pace');

function rowOf(c, now) {
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const today = c.pacing === 'even' ? pace(c.dailySpentMicros ?? 0, c.dailyBudgetMicros, dayStart, dayStart + DAY_MS, now) : null;
  const start = c.startsAt ? Date.parse(c.startsAt) : null;
  const flight = pace(c.spentMicros ?? 0, c.totalBudgetMicros, start, c.endsAt ? Date.parse(c.endsAt) : null, now);
  return h('tr', { dataset: { campaign: c.id } },
    h('td', null, c.name ?? c.id), h('td', null, c.status ?? '—'), h('td', null, c.pacing ?? '—'),
    h('td', { class: 'num' }, `${fmt.money(c.dailySpentMicros ?? 0)} / ${fmt.money(c.dailyBudgetMicros)}`),
    h('td', { class: 'num' }, today == null ? '—' : fmt.percent(today, 0)), h('td', null, verdict(today)),
    h('td', { class: 'num' }, `${fmt.money(c.spentMicros ?? 0)} / ${fmt.money(c.totalBudgetMicros)}`),
    h('td', { class: 'num' }, flight == null ? '—' : fmt.percent(flight, 0)), h('td', null, verdict(flight)));
}

export function pacingTable(box) {
  const body = h('div', { class: 'table-wrap' });
  box.append(h('div', { class: 'card-head' }, h('h2', null, 'Budget pacing against plan'), csvButton(() => body.querySelector('table'), 'pacing')), body);
  return {
    async load() {
      try {
        const campaigns = listOf(await api('/v1/campaigns'), 'campaigns').filter((c) => c.status !== 'stopped');
        const now = Date.now();
        replace(body, campaigns.length
          ? h('table', { class: 'data', 'data-testid': 'pacing-table' },
            h('thead', null, h('tr', null, ['Campaign', 'Status', 'Pacing', 'Today / daily', 'vs plan', '', 'Spent / total', 'vs plan', ''].map((c) => h('th', null, c)))),
            h('tbody', null, campaigns.map((c) => rowOf(c, now))))
          : h('p', { class: 'muted' }, 'No active campaigns.'));
      } catch (err) {
        replace(body, h('p', { class: 'muted' }, `Could not load campaigns: ${err.message}`));
      }
    },
  };
}
