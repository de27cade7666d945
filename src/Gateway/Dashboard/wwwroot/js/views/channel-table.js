// The Overview's channel breakdown: always all six channels (a quiet one shows zeros, not nothing), each in its
// fixed colour. Rows are kept per channel and their cells rewritten only when the text changed; a live change
// therefore moves or rewrites a few cells instead of rebuilding the table.
import { colorFor } from '../chart.js';
import { h, setText } from '../dom.js';
import * as fmt from '../format.js';
import { CHANNELS, withRatios } from '../kpi-shapes.js';

const COLUMNS = [
  ['Spend', (r) => fmt.money(r.spendMicros)], ['Impressions', (r) => fmt.count(r.impressions)], ['Clicks', (r) => fmt.count(r.clicks)],
  ['CTR', (r) => fmt.percent(r.ctr)], ['Conversions', (r) => fmt.count(r.conversions)], ['CPA', (r) => fmt.money(r.cpaMicros)],
  ['Revenue', (r) => fmt.money(r.revenueMicros)], ['Sessions', (r) => fmt.count(r.sessions)], ['Bounce rate', (r) => fmt.percent(r.bounceRate)],
  ['Emails sent', (r) => fmt.count(r.emailsSent)], ['Open rate', (r) => fmt.percent(r.openRate)], ['Engagement', (r) => fmt.percent(r.engagementRate)],
];
const EMPTY = withRatios({ impressions: 0, clicks: 0, conversions: 0, spendMicros: 0, revenueMicros: 0, sessions: 0, bounces: 0, emailsSent: 0, emailOpens: 0, posts: 0 });

/** A table bound to `box`; update(rows) takes [{ channel, ...totals }] in any order. */
export function channelTable(box) {
  const rows = new Map();
  const body = h('tbody');
  const table = h('table', { class: 'data', 'data-testid': 'channel-table' },
    h('thead', null, h('tr', null, ['Channel', ...COLUMNS.map(([name]) => name)].map((c) => h('th', null, c)))), body);
  box.append(table);

  function row(channel, index) {
    let cells = rows.get(channel);
    if (!cells) {
      cells = COLUMNS.map(() => h('td', { class: 'num' }));
      cells.tr = h('tr', { dataset: { channel } }, h('td', null, h('span', { class: 'swatch', style: { background: colorFor(channel, index) } }), channel), cells);
      rows.set(channel, cells);
    }
    return cells;
  }

  return {
    table,
    update(list) {
      const byChannel = new Map(list.map((r) => [r.channel, r]));
      const names = [...new Set([...CHANNELS, ...byChannel.keys()])];
      const sorted = names.map((channel) => byChannel.get(channel) ?? { channel, ...EMPTY })
        .sort((a, b) => b.spendMicros - a.spendMicros || b.impressions - a.impressions || b.sessions - a.sessions || (a.channel < b.channel ? -1 : 1));
      sorted.forEach((r, i) => {
        const cells = row(r.channel, names.indexOf(r.channel));
        COLUMNS.forEach(([, text], c) => setText(cells[c], text(r)));
        if (body.children[i] !== cells.tr) body.insertBefore(cells.tr, body.children[i] ?? null);
      });
    },
  };
}
