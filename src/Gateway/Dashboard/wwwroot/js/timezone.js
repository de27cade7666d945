// The time zone times are shown in: UTC (the default, the zone KPI buckets are cut in) or the browser's own.
// Labels are 24-hour; the date is written only where the day changes, so ticks stay short and do not overlap.
import { h } from './dom.js';

const STORAGE_KEY = 'adorleans.tz';
const LOCAL = Intl.DateTimeFormat().resolvedOptions().timeZone;
const formats = new Map();

export function zone() {
  return localStorage.getItem(STORAGE_KEY) === 'local' ? LOCAL : 'UTC';
}

export function zoneLabel(z = zone()) {
  return z === 'UTC' ? 'UTC' : z;
}

function format(z, withDate, withTime) {
  const key = `${z} ${withDate} ${withTime}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat('en-CA', {
      timeZone: z, hourCycle: 'h23',
      ...(withDate ? { month: '2-digit', day: '2-digit' } : {}),
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    }));
  }
  return formats.get(key);
}

/** "2026-01-02 13:45 UTC" style text of a time in the chosen zone. */
export function dateTime(value, z = zone()) {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '—';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: z, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${zoneLabel(z)}`;
}

/** uPlot x-axis labels (ticks in unix seconds, `increment` their spacing in seconds). */
export function tickLabels(ticks, increment, z = zone()) {
  let lastDay = null;
  return ticks.map((t) => {
    const d = new Date(t * 1000);
    const day = format(z, true, false).format(d);
    if (increment >= 86400) return day;
    const time = format(z, false, true).format(d);
    const label = day !== lastDay ? `${time}\n${day}` : time;
    lastDay = day;
    return label;
  });
}

/** UTC / local select; calls onChange() after storing the choice. */
export function zonePicker(onChange) {
  const select = h('select', { 'aria-label': 'Time zone', 'data-testid': 'time-zone', onChange: (e) => {
    localStorage.setItem(STORAGE_KEY, e.target.value);
    onChange();
  } },
  h('option', { value: 'utc', selected: zone() === 'UTC' }, 'UTC'),
  LOCAL !== 'UTC' && h('option', { value: 'local', selected: zone() !== 'UTC' }, `Local (${LOCAL})`));
  return select;
}
