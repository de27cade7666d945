// Geo and device breakdowns of the range: the top 10 of each (/v1/kpi/top?dimension=geo|device) by impressions,
// with a bar of each row's share of the listed impressions. Events without a geo or device count as "unknown",
// values beyond the rollups' per-day cap as "other" (docs/kpi.md). Refetched with the top lists, not per live change.
import { api, query } from '../api.js';
import { csvButton } from '../csv.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { iso } from '../range.js';

const DIMENSIONS = [['geo', 'Geo'], ['device', 'Device']];
const N = 10;

function table(dimension, title, items) {
  const most = Math.max(1, ...items.map((i) => i.totals?.impressions ?? 0));
  return h('table', { class: 'data', 'data-testid': `breakdown-${dimension}` },
    h('thead', null, h('tr', null, [title, 'Impressions', 'Clicks', 'CTR', 'Spend', ''].map((c) => h('th', null, c)))),
    h('tbody', null, items.map((i) => h('tr', null,
      h('td', null, i.item?.id ?? '—'), h('td', { class: 'num' }, fmt.count(i.totals?.impressions)),
      h('td', { class: 'num' }, fmt.count(i.totals?.clicks)), h('td', { class: 'num' }, fmt.percent(i.totals?.ctr)),
      h('td', { class: 'num' }, fmt.money(i.totals?.spendMicros)),
      h('td', { class: 'share' }, h('div', { class: 'bar' }, h('i', { style: { width: `${((i.totals?.impressions ?? 0) / most) * 100}%` } })))))));
}

/** The two breakdown tables inside `box`; load(window) refetches both. */
export function geoDevice(box) {
  const grid = h('div', { class: 'top-grid' });
  const boxes = new Map(DIMENSIONS.map(([dimension, title]) => {
    const body = h('div', { class: 'table-wrap' });
    grid.append(h('div', null, h('div', { class: 'card-head' }, h('h3', null, title),
      csvButton(() => body.querySelector('table'), `${dimension}-breakdown`)), body));
    return [dimension, body];
  }));
  box.append(h('h2', null, 'Geo and device'), grid);

  async function load(w) {
    await Promise.all(DIMENSIONS.map(async ([dimension, title]) => {
      const target = boxes.get(dimension);
      try {
        const body = await api(`/v1/kpi/top?${query({ dimension, by: 'impressions', n: N, from: iso(w.from), to: iso(w.to) })}`);
        const items = body?.items ?? [];
        replace(target, items.length ? table(dimension, title, items) : h('p', { class: 'muted' }, 'Nothing in this range.'));
      } catch (err) {
        replace(target, h('p', { class: 'muted' }, `Could not load: ${err.message}`));
      }
    }));
  }
  return { load };
}
