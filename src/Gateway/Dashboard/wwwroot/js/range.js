// Time ranges: relative ones ("last 1 h") slide with the clock and can be live; custom ones are fixed.
// The bucket size follows the span (minutes up to 6 h, hours up to 14 d, days beyond), so a chart has at
// most a few hundred points and the newest activity is not squeezed into its last pixel.
import { h } from './dom.js';

export function granularityFor(seconds) {
  return seconds <= 6 * 3600 ? 'minute' : seconds <= 14 * 86400 ? 'hour' : 'day';
}

export const PRESETS = [
  { key: '15m', label: '15 min', seconds: 15 * 60 },
  { key: '1h', label: '1 h', seconds: 3600 },
  { key: '6h', label: '6 h', seconds: 6 * 3600 },
  { key: '24h', label: '24 h', seconds: 86400 },
  { key: '7d', label: '7 d', seconds: 7 * 86400 },
  { key: '30d', label: '30 d', seconds: 30 * 86400 },
].map((p) => ({ ...p, granularity: granularityFor(p.seconds) }));
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
  return { from, to, granularity: granularityFor((to - from) / 1000), live: false, label: 'custom range' };
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
