// The Attribution page's channel × model table: one measure at a time (credited conversions, revenue or ROAS), chosen
// with a segmented switch, so the six models stay side by side and the CSV holds exactly the shown table.
import { csvButton } from '../csv.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { MODEL_LABELS } from '../attribution-matrix.js';

export const MEASURES = {
  conversions: { label: 'Conversions', text: (c) => c.conversions.toFixed(2) },
  revenue: { label: 'Revenue', text: (c) => fmt.money(c.revenueMicros) },
  roas: { label: 'ROAS', text: (c) => fmt.multiple(c.roas) },
};

/** A card bound to a creditMatrix() result; the switch re-renders the table in place. */
export function attributionCard(matrix) {
  let measure = 'conversions';
  let table = null;
  const box = h('div', { class: 'table-wrap' });
  const row = (r, tag) => h('tr', { dataset: { channel: r.channel } },
    h(tag, null, r.channel), h('td', { class: 'num' }, fmt.money(r.spendMicros)),
    matrix.models.map((m) => h('td', { class: 'num', dataset: { model: m } }, MEASURES[measure].text(r.credits[m]))));
  const render = () => {
    table = h('table', { class: 'data', 'data-testid': 'attribution-table', dataset: { measure } },
      h('thead', null, h('tr', null, h('th', null, 'Channel'), h('th', { class: 'num' }, 'Spend'),
        matrix.models.map((m) => h('th', { class: 'num' }, MODEL_LABELS[m] ?? m)))),
      h('tbody', null, matrix.rows.map((r) => row(r, 'td'))),
      h('tfoot', null, row(matrix.total, 'th')));
    replace(box, table);
  };
  const buttons = Object.entries(MEASURES).map(([key, spec]) => h('button', {
    type: 'button', class: key === measure ? 'active' : '', 'aria-pressed': String(key === measure), dataset: { measure: key },
    onClick: (e) => {
      measure = key;
      for (const b of buttons) {
        b.classList.toggle('active', b === e.currentTarget);
        b.setAttribute('aria-pressed', String(b === e.currentTarget));
      }
      render();
    },
  }, spec.label));
  render();
  return h('div', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', null, 'Credit by channel and model'),
      h('div', { class: 'tools' }, h('div', { class: 'segmented', role: 'group', 'aria-label': 'Measure' }, buttons), csvButton(() => table, 'attribution'))),
    matrix.rows.length ? box : h('p', { class: 'muted' }, 'No conversions in this range.'));
}
