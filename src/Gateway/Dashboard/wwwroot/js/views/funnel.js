// The Overview's funnel: impressions → clicks → conversions → purchases of the range, each bar as wide as its
// share of impressions (on a square-root scale, so a 1 % step is still visible) with the step's rate beside it.
import { h, setText } from '../dom.js';
import * as fmt from '../format.js';

const STEPS = [['impressions', 'Impressions'], ['clicks', 'Clicks'], ['conversions', 'Conversions'], ['purchases', 'Purchases']];

export function funnel(box) {
  const rows = STEPS.map(([key, label]) => {
    const bar = h('i');
    const value = h('span', { class: 'num' });
    const rate = h('span', { class: 'muted small' });
    box.append(h('div', { class: 'funnel-step', dataset: { step: key } }, h('span', null, label), h('div', { class: 'funnel-bar' }, bar), value, rate));
    return { key, bar, value, rate };
  });
  return {
    update(totals) {
      const top = totals?.impressions ?? 0;
      rows.forEach(({ key, bar, value, rate }, i) => {
        const n = totals?.[key] ?? 0;
        setText(value, fmt.count(n));
        const width = `${top ? Math.sqrt(Math.min(1, n / top)) * 100 : 0}%`;
        if (bar.style.width !== width) bar.style.width = width;
        const before = i ? totals?.[STEPS[i - 1][0]] ?? 0 : null;
        setText(rate, i ? `${fmt.percent(before ? n / before : null)} of ${STEPS[i - 1][1].toLowerCase()}` : '');
      });
    },
  };
}
