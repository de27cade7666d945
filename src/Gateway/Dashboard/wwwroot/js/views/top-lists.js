// Top campaigns, creatives, slots and segments of the range (/v1/kpi/top), ranked by a metric the user picks.
// Refetched when the range changes and once a minute with the summary, not per live change.
import { api, query } from '../api.js';
import { csvButton } from '../csv.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { iso } from '../range.js';

const DIMENSIONS = [['campaign', 'Campaigns'], ['creative', 'Creatives'], ['slot', 'Slots'], ['segment', 'Segments']];
const BY = [['spendMicros', 'spend'], ['conversions', 'conversions'], ['revenueMicros', 'revenue'], ['roas', 'ROAS'], ['ctr', 'CTR']];
const N = 5;

function table(dimension, items) {
  return h('table', { class: 'data', 'data-testid': `top-${dimension}` },
    h('thead', null, h('tr', null, ['#', 'Name', 'Spend', 'Impr.', 'Conv.', 'Revenue', 'ROAS'].map((c) => h('th', null, c)))),
    h('tbody', null, items.map((i) => h('tr', null,
      h('td', null, String(i.rank)), h('td', null, i.item?.name ?? i.item?.id ?? '—'),
      h('td', { class: 'num' }, fmt.money(i.totals?.spendMicros)), h('td', { class: 'num' }, fmt.count(i.totals?.impressions)),
      h('td', { class: 'num' }, fmt.count(i.totals?.conversions)), h('td', { class: 'num' }, fmt.money(i.totals?.revenueMicros)),
      h('td', { class: 'num' }, fmt.multiple(i.totals?.roas))))));
}

export function topLists(box) {
  let by = 'spendMicros';
  let lastWindow = null;
  const grid = h('div', { class: 'top-grid' });
  const boxes = new Map(DIMENSIONS.map(([dimension, title]) => {
    const body = h('div', { class: 'table-wrap' });
    grid.append(h('div', null, h('div', { class: 'card-head' }, h('h3', null, title),
      csvButton(() => body.querySelector('table'), `top-${dimension}s`)), body));
    return [dimension, body];
  }));
  const select = h('select', { 'aria-label': 'Rank by', onChange: (e) => {
    by = e.target.value;
    if (lastWindow) load(lastWindow);
  } }, BY.map(([key, label]) => h('option', { value: key }, `by ${label}`)));
  box.append(h('div', { class: 'card-head' }, h('h2', null, 'Top'), select), grid);

  async function load(w) {
    lastWindow = w;
    await Promise.all(DIMENSIONS.map(async ([dimension]) => {
      const target = boxes.get(dimension);
      try {
        const body = await api(`/v1/kpi/top?${query({ dimension, by, n: N, from: iso(w.from), to: iso(w.to) })}`);
        const items = body?.items ?? [];
        replace(target, items.length ? table(dimension, items) : h('p', { class: 'muted' }, 'Nothing in this range.'));
      } catch (err) {
        replace(target, h('p', { class: 'muted' }, `Could not load: ${err.message}`));
      }
    }));
  }
  return { load };
}
