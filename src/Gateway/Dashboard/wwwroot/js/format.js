// Display formatting. Money arrives as integer micros (1 unit = 1,000,000) and is only divided here.
export const CURRENCY = 'USD';
const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const cents = new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY });
const bigMoney = new Intl.NumberFormat('en-US', { style: 'currency', currency: CURRENCY, notation: 'compact', maximumFractionDigits: 2 });
const DASH = '—';

export function count(n) {
  if (n == null || Number.isNaN(n)) return DASH;
  return Math.abs(n) >= 1e6 ? compact.format(n) : integer.format(Math.round(n));
}

export function money(micros) {
  if (micros == null || Number.isNaN(micros)) return DASH;
  const units = micros / 1e6;
  return Math.abs(units) >= 1e6 ? bigMoney.format(units) : cents.format(units);
}

export function percent(ratio, digits = 2) {
  return ratio == null || !Number.isFinite(ratio) ? DASH : `${(ratio * 100).toFixed(digits)}%`;
}

export function multiple(ratio) {
  return ratio == null || !Number.isFinite(ratio) ? DASH : `${ratio.toFixed(2)}×`;
}

export function rate(perSecond) {
  if (perSecond == null || !Number.isFinite(perSecond)) return DASH;
  return perSecond >= 100 ? integer.format(Math.round(perSecond)) : perSecond.toFixed(1);
}

export function latency(micros) {
  if (micros == null || !Number.isFinite(micros) || micros <= 0) return DASH;
  if (micros < 1000) return `${Math.round(micros)} µs`;
  if (micros < 1e6) return `${(micros / 1000).toFixed(micros < 1e4 ? 1 : 0)} ms`;
  return `${(micros / 1e6).toFixed(1)} s`;
}

export function bytes(n) {
  if (n == null) return DASH;
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

export function dateTime(value) {
  if (!value) return DASH;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? DASH : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Change from previous to current as text and direction; null when there is nothing to compare with. */
export function change(current, previous) {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (previous === 0) return current === 0 ? { text: '0%', direction: 'flat' } : { text: 'new', direction: 'up' };
  const relative = (current - previous) / Math.abs(previous);
  const direction = Math.abs(relative) < 0.0005 ? 'flat' : relative > 0 ? 'up' : 'down';
  return { text: `${relative > 0 ? '+' : ''}${(relative * 100).toFixed(1)}%`, direction };
}
