// The Overview's channel breakdown. Rows are kept per channel and their cells rewritten only when the
// text changed; a live change therefore moves or rewrites a few cells instead of rebuilding the table.
import { colorFor } from '../chart.js';
import { h, replace, setText } from '../dom.js';
import * as fmt from '../format.js';

const COLUMNS = [
  ['Impressions', (r) => fmt.count(r.impressions)], ['Clicks', (r) => fmt.count(r.clicks)], ['CTR', (r) => fmt.percent(r.ctr)],
  ['Conversions', (r) => fmt.count(r.conversions)], ['Spend', (r) => fmt.money(r.spendMicros)], ['CPA', (r) => fmt.money(r.cpaMicros)],
  ['ROAS', (r) => fmt.multiple(r.roas)],
];

/** A table bound to `box`; update(rows) takes [{ channel, ...totals }] in any order. */
export function channelTable(box) {
  const rows = new Map();
  const body = h('tbody');
  const table = h('table', { class: 'data', 'data-testid': 'channel-table' },
    h('thead', null, h('tr', null, ['Channel', ...COLUMNS.map(([name]) => name)].map((c) => h('th', null, c)))), body);
  const none = h('p', { class: 'muted' }, 'No channel has data in this range.');

  function row(channel) {
    let cells = rows.get(channel);
    if (!cells) {
      cells = COLUMNS.map(() => h('td', { class: 'num' }));
      cells.tr = h('tr', { dataset: { channel } }, h('td', null, h('span', { class: 'swatch', style: { background: colorFor(channel, 0) } }), channel), cells);
      rows.set(channel, cells);
    }
    return cells;
  }

  return {
    update(list) {
      const sorted = [...list].sort((a, b) => b.spendMicros - a.spendMicros || b.impressions - a.impressions || (a.channel < b.channel ? -1 : 1));
      const target = sorted.length ? table : none;
      if (box.firstChild !== target) replace(box, target);
      for (const [channel, cells] of rows) {
        if (!sorted.some((r) => r.channel === channel)) {
          cells.tr.remove();
          rows.delete(channel);
        }
      }
      sorted.forEach((r, i) => {
        const cells = row(r.channel);
        COLUMNS.forEach(([, text], c) => setText(cells[c], text(r)));
        if (body.children[i] !== cells.tr) body.insertBefore(cells.tr, body.children[i] ?? null);
      });
    },
  };
}
