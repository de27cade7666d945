// KPI tiles: a value and its change against the previous period. The Overview builds them once and
// updates their text in place on every live change, so a refresh touches only what changed.
import { h, setText } from '../dom.js';
import * as fmt from '../format.js';

export const TILES = [
  { key: 'impressions', label: 'Impressions', format: fmt.count },
  { key: 'clicks', label: 'Clicks', format: fmt.count },
  { key: 'conversions', label: 'Conversions', format: fmt.count },
  { key: 'spendMicros', label: 'Spend', format: fmt.money, better: 'neither' },
  { key: 'ctr', label: 'CTR', format: fmt.percent },
  { key: 'cvr', label: 'CVR', format: fmt.percent },
  { key: 'cpaMicros', label: 'CPA', format: fmt.money, better: 'lower' },
  { key: 'roas', label: 'ROAS', format: fmt.multiple },
];
const ARROWS = { up: '▲', down: '▼', flat: '■' };

export function tile(spec, current, previous, periodLabel) {
  const el = h('div', { class: 'tile', dataset: { kpi: spec.key } },
    h('span', { class: 'label' }, spec.label), h('span', { class: 'value' }), h('span', { class: 'delta' }));
  updateTile(el, spec, current, previous, periodLabel);
  return el;
}

/** Writes only the parts of a tile whose text or state changed. */
export function updateTile(el, spec, current, previous, periodLabel) {
  const value = current?.[spec.key] ?? null;
  const delta = fmt.change(value, previous?.[spec.key]);
  const good = !delta || spec.better === 'neither' ? 'neutral'
    : (delta.direction === 'up') === (spec.better !== 'lower') ? 'good' : delta.direction === 'flat' ? 'neutral' : 'bad';
  const raw = String(value ?? '');
  if (el.dataset.raw !== raw) el.dataset.raw = raw;
  const [, valueEl, deltaEl] = el.children;
  setText(valueEl, spec.format(value));
  setText(deltaEl, delta ? `${ARROWS[delta.direction]} ${delta.text} vs prev. ${periodLabel}` : 'no previous period');
  const deltaClass = `delta ${good}`;
  if (deltaEl.className !== deltaClass) deltaEl.className = deltaClass;
}
