// KPI tiles: a value and its change against the previous period. The Overview builds them once and
// updates their text in place on every live change, so a refresh touches only what changed.
import { h, setText } from '../dom.js';
import * as fmt from '../format.js';

const ARROWS = { up: '▲', down: '▼', flat: '■' };

export function tile(spec, current, previous, periodLabel) {
  const el = h('div', { class: 'tile', dataset: { kpi: spec.key }, title: spec.hint },
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
  const none = spec.lifetime ? 'lifetime to the end of the range' : 'no previous period';
  setText(deltaEl, delta ? `${ARROWS[delta.direction]} ${delta.text} vs prev. ${periodLabel}` : none);
  const deltaClass = `delta ${good}`;
  if (deltaEl.className !== deltaClass) deltaEl.className = deltaClass;
}
