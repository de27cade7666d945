// Time ranges: relative ones ("last 1 h") slide with the clock and can be live; custom ones are fixed.
import { h } from './dom.js';

export const PRESETS = [
  { key: '15m', label: '15 min', seconds: 15 * 60, granularity: 'minute' },
  { key: '1h', label: '1 h', seconds: 3600, granularity: 'minute' },
  { key: '24h', label: '24 h', seconds: 86400, granularity: 'minute' },
  { key: '7d', label: '7 d', seconds: 7 * 86400, granularity: 'hour' },
];
export const STEP = { minute: 60, hour: 3600, day: 86400 };
const STORAGE_KEY = 'adorleans.range';

export function savedRange() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY)) ?? { key: '1h' };
  } catch {
    return { key: '1h' };
  }
}

/** { from, to, granularity, live, label } for a saved range; times are Date objects. */
export function resolve(range, now = Date.now()) {
  const preset = PRESETS.find((p) => p.key === range.key);
  if (preset) {
    const step = STEP[preset.granularity] * 1000;
    const to = new Date(Math.ceil(now / step) * step);
    return { from: new Date(to - preset.seconds * 1000), to, granularity: preset.granularity, live: true, label: `last ${preset.label}` };
  }
  const from = new Date(range.from);
  const to = new Date(range.to);
  const span = (to - from) / 1000;
  const granularity = span <= 2 * 86400 ? 'minute' : span <= 60 * 86400 ? 'hour' : 'day';
  return { from, to, granularity, live: false, label: 'custom range' };
}

export function iso(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const localInput = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

/** The range picker; calls onChange(range) with a saved-range object. */
export function rangePicker(current, onChange) {
  const set = (range) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(range));
    onChange(range);
  };
  const resolved = resolve(current);
  const from = h('input', { type: 'datetime-local', 'aria-label': 'From', value: localInput(resolved.from) });
  const to = h('input', { type: 'datetime-local', 'aria-label': 'To', value: localInput(resolved.to) });
  const custom = h('form', { class: 'custom-range', hidden: current.key !== 'custom', onSubmit: (e) => {
    e.preventDefault();
    const range = { key: 'custom', from: new Date(from.value).toISOString(), to: new Date(to.value).toISOString() };
    if (new Date(range.from) < new Date(range.to)) set(range);
  } }, from, h('span', null, '→'), to, h('button', { type: 'submit' }, 'Apply'));
  const buttons = [...PRESETS, { key: 'custom', label: 'Custom' }].map((p) =>
    h('button', {
      type: 'button',
      class: p.key === current.key ? 'active' : '',
      'aria-pressed': String(p.key === current.key),
      dataset: { range: p.key },
      onClick: () => (p.key === 'custom' ? (custom.hidden = false) : set({ key: p.key })),
    }, p.label));
  return h('div', { class: 'range-picker' }, h('div', { class: 'segmented', role: 'group', 'aria-label': 'Time range' }, buttons), custom);
}
