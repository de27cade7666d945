// Alerts: lists GET /v1/alerts when this server has it; otherwise says what will appear here.
import { api } from '../api.js';
import { code, emptyState, h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { listOf } from '../kpi-shapes.js';

export function mount(main, { features }) {
  const body = h('section');
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Alerts')), body);
  if (!features.alerts) {
    replace(body, emptyState('No alerting on this server yet',
      ['This build does not map ', code('GET /v1/alerts'), '. When it does, active alerts — a CTR drop, a spend spike, a campaign exhausting its budget, partition lag — are listed here with their severity and since when they fire.'],
      ['Until then, scrape ', code('/metrics'), ' with Prometheus and alert on ', code('adorleans_partition_lag'), ', ', code('adorleans_stream_dead_letters'), ' and ', code('adorleans_grain_failures'), '.']));
    return () => {};
  }
  let disposed = false;
  api('/v1/alerts').then((answer) => {
    if (disposed) return;
    const alerts = listOf(answer, 'alerts');
    replace(body, alerts.length
      ? h('div', { class: 'table-wrap card' }, h('table', { class: 'data', 'data-testid': 'alert-table' },
        h('thead', null, h('tr', null, ['Severity', 'Alert', 'Details', 'Since'].map((c) => h('th', null, c)))),
        h('tbody', null, alerts.map((a) => h('tr', null,
          h('td', null, h('span', { class: `badge ${a.severity ?? 'info'}` }, a.severity ?? 'info')),
          h('td', null, a.name ?? a.title ?? a.id ?? 'alert'), h('td', null, a.message ?? a.description ?? ''),
          h('td', null, fmt.dateTime(a.since ?? a.startsAt ?? a.firedAt)))))))
      : emptyState('No active alerts', 'Everything is within its thresholds.'));
  }).catch((err) => !disposed && replace(body, emptyState('Could not load alerts', err.message)));
  return () => {
    disposed = true;
  };
}
