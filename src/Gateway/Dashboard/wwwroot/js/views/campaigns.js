// Campaigns: a sortable, filterable table with budget progress and pause / resume / stop.
import { api, query } from '../api.js';
import { code, emptyState, h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { campaignSeries, listOf, total, withRatios } from '../kpi-shapes.js';
import { iso } from '../range.js';
import { actionButtons } from './campaign-actions.js';
import { campaignsUnavailable } from './empty.js';

const COLUMNS = [
  { key: 'name', label: 'Campaign', value: (c) => (c.name ?? c.id).toLowerCase() },
  { key: 'channel', label: 'Channel', value: (c) => c.channel ?? '' },
  { key: 'status', label: 'Status', value: (c) => c.status ?? '' },
  { key: 'pacing', label: 'Pacing', value: (c) => c.pacing ?? '' },
  { key: 'spent', label: 'Spent / budget', value: (c) => budgetShare(c) ?? -1 },
  { key: 'ctr', label: 'CTR', value: (c) => c.kpi?.ctr ?? -1 },
  { key: 'cpa', label: 'CPA', value: (c) => c.kpi?.cpaMicros ?? Infinity },
  { key: 'roas', label: 'ROAS', value: (c) => c.kpi?.roas ?? -1 },
];

export const budgetShare = (c) => (c.totalBudgetMicros ? (c.spentMicros ?? 0) / c.totalBudgetMicros : null);

/** Counters from the campaign's live state when it has them, else its KPI totals for the last 7 days. */
async function withKpis(campaigns, features) {
  const counters = (c) => c.counters ?? c;
  if (campaigns.every((c) => counters(c).impressions != null)) {
    return { rows: campaigns.map((c) => ({ ...c, kpi: withRatios({ revenueMicros: 0, spendMicros: c.spentMicros ?? 0, ...counters(c) }) })), source: 'live campaign counters' };
  }
  if (!features.kpi) return { rows: campaigns, source: null };
  const to = new Date();
  const from = new Date(to - 7 * 86400_000);
  const rows = [...campaigns];
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const i = next++;
      const body = await api(`/v1/kpi/campaigns/${encodeURIComponent(rows[i].id)}?${query({ from: iso(from), to: iso(to), granularity: 'day' })}`).catch(() => null);
      rows[i] = { ...rows[i], kpi: body ? total(campaignSeries(body)) : null };
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { rows, source: 'KPI API, last 7 days' };
}

export function statusBadge(status) {
  return h('span', { class: `badge ${status ?? 'unknown'}`, 'data-testid': 'status' }, status ?? 'unknown');
}

export function budgetBar(c) {
  const share = budgetShare(c);
  return h('div', { class: 'budget', title: share == null ? 'no total budget' : `${(share * 100).toFixed(1)}% spent` },
    h('div', { class: 'bar' }, h('i', { style: { width: `${Math.min(100, (share ?? 0) * 100)}%` }, class: share >= 0.9 ? 'hot' : '' })),
    h('span', { class: 'small' }, `${fmt.money(c.spentMicros ?? 0)} / ${fmt.money(c.totalBudgetMicros)}`));
}

export function mount(main, { features }) {
  let rows = [];
  let source = null;
  let sort = JSON.parse(sessionStorage.getItem('adorleans.sort') ?? 'null') ?? { key: 'spent', dir: -1 };
  let filter = '';
  let disposed = false;
  const body = h('div', { class: 'table-wrap' });
  const foot = h('p', { class: 'muted small' });
  const search = h('input', { type: 'search', placeholder: 'Filter by name, id, channel or status', 'aria-label': 'Filter campaigns', onInput: (e) => {
    filter = e.target.value.trim().toLowerCase();
    render();
  } });
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Campaigns'), h('div', { class: 'tools' }, search,
    h('button', { type: 'button', class: 'ghost', onClick: () => load() }, 'Refresh'))));
  if (!features.campaigns) {
    main.append(campaignsUnavailable());
    return () => {};
  }
  main.append(h('section', { class: 'card' }, body), foot);

  function header() {
    return h('tr', null, COLUMNS.map((col) => h('th', {
      class: 'sortable', 'aria-sort': sort.key === col.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none', dataset: { sort: col.key },
      onClick: () => {
        sort = { key: col.key, dir: sort.key === col.key ? -sort.dir : 1 };
        sessionStorage.setItem('adorleans.sort', JSON.stringify(sort));
        render();
      },
    }, col.label, h('span', { class: 'arrow' }, sort.key === col.key ? (sort.dir > 0 ? '▲' : '▼') : ''))), h('th', null, 'Actions'));
  }

  function row(c) {
    return h('tr', { dataset: { campaign: c.id } },
      h('td', null, h('a', { href: `#/campaigns/${encodeURIComponent(c.id)}` }, c.name ?? c.id), h('div', { class: 'muted small' }, c.id)),
      h('td', null, c.channel ?? '—'), h('td', null, statusBadge(c.status)), h('td', null, c.pacing ?? '—'),
      h('td', null, budgetBar(c)),
      h('td', { class: 'num' }, fmt.percent(c.kpi?.ctr)), h('td', { class: 'num' }, fmt.money(c.kpi?.cpaMicros)),
      h('td', { class: 'num' }, fmt.multiple(c.kpi?.roas)),
      h('td', null, h('div', { class: 'actions' }, actionButtons(c, { enabled: features.campaignActions, onDone: (updated) => {
        if (!updated) return;
        rows = rows.map((r) => (r.id === updated.id ? { ...r, ...updated, kpi: r.kpi } : r));
        render();
      } }))));
  }

  function render() {
    if (!rows.length) {
      replace(body, emptyState('No campaigns yet', ['Create one with ', code('POST /v1/campaigns'), ', or start the simulator (', code('Simulator__EventsPerSecond=200'), '), which seeds campaigns when the system is empty.']));
      return;
    }
    const col = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0];
    const shown = rows.filter((c) => !filter || [c.name, c.id, c.channel, c.status].some((v) => String(v ?? '').toLowerCase().includes(filter)))
      .sort((a, b) => {
        const x = col.value(a);
        const y = col.value(b);
        return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
      });
    replace(body, h('table', { class: 'data', 'data-testid': 'campaign-table' }, h('thead', null, header()), h('tbody', null, shown.map(row))));
    foot.textContent = `${shown.length} of ${rows.length} campaigns${source ? ` · CTR, CPA and ROAS from ${source}` : ''}`;
  }

  async function load() {
    try {
      const campaigns = listOf(await api('/v1/campaigns'), 'campaigns');
      const result = await withKpis(campaigns, features);
      if (disposed) return;
      ({ rows, source } = result);
      render();
    } catch (err) {
      if (!disposed) replace(body, err.status === 404 ? campaignsUnavailable() : emptyState('Could not load campaigns', err.message));
    }
  }

  replace(body, h('p', { class: 'muted' }, 'Loading campaigns…'));
  load();
  return () => {
    disposed = true;
  };
}
