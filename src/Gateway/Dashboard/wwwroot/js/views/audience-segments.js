// A completed clustering run's segments: label, segment id, size and share of the users, and the centroid in the
// features' own units (recency in days, events held, conversion value in currency, each channel's and device's share
// of events), and the users' most frequent home geos.
import { csvButton } from '../csv.js';
import { h } from '../dom.js';
import * as fmt from '../format.js';

const FIXED = [
  ['recencyDays', 'Recency (days)', (v) => v.toFixed(1)],
  ['frequency', 'Events', (v) => v.toFixed(1)],
  ['monetary', 'Value', (v) => fmt.money(v * 1e6)],
];

/** Centroid columns: the three RFM features, then every other feature (the channel shares) as a percentage. */
export function featureColumns(segments) {
  const fixed = new Set(FIXED.map(([key]) => key));
  const shares = [...new Set(segments.flatMap((s) => Object.keys(s.centroid)))].filter((key) => !fixed.has(key));
  return [...FIXED, ...shares.map((key) => [key, `${key} %`, (v) => fmt.percent(v, 1)])];
}

export function segmentsCard(run) {
  const columns = featureColumns(run.segments);
  const table = h('table', { class: 'data', 'data-testid': 'segments-table' },
    h('thead', null, h('tr', null, h('th', null, 'Segment'), h('th', null, 'Id'), h('th', { class: 'num' }, 'Users'), h('th', { class: 'num' }, 'Share'), columns.map(([, label]) => h('th', { class: 'num' }, label)), h('th', null, 'Top geos'))),
    h('tbody', null, run.segments.map((s) => h('tr', { dataset: { segment: s.segmentId } },
      h('td', null, s.label), h('td', null, h('code', null, s.segmentId)), h('td', { class: 'num' }, fmt.count(s.size)),
      h('td', { class: 'num' }, fmt.percent(run.users ? s.size / run.users : null, 1)),
      columns.map(([key, , text]) => h('td', { class: 'num' }, s.centroid[key] == null ? '—' : text(s.centroid[key]))),
      h('td', null, (s.topGeos ?? []).join(', ') || '—')))));
  return h('div', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', null, `${run.segments.length} segments`), csvButton(() => table, 'audience-segments')),
    h('div', { class: 'table-wrap' }, table));
}
