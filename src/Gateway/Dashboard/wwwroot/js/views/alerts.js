// Alerts: the firing and acknowledged alerts of GET /v1/alerts, newest first, with an Acknowledge action.
import { api } from '../api.js';
import { code, emptyState, h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { listOf } from '../kpi-shapes.js';

const scopeText = (scope) => scope?.campaignId ? `campaign ${scope.campaignId}` : scope?.channel ? `channel ${scope.channel}` : 'everything';

export function mount(main, { features }) {
  const body = h('section');
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Alerts')), body);
  if (!features.alerts) {
    replace(body, emptyState('No alerting on this server',
      ['This server does not map ', code('GET /v1/alerts'), '.'],
      ['Scrape ', code('/metrics'), ' with Prometheus and alert on ', code('adorleans_partition_lag'), ' and ', code('adorleans_stream_dead_letters'), '.']));
    return () => {};
  }
  let disposed = false;
  const load = () => Promise.all([api('/v1/alerts?state=firing'), api('/v1/alerts?state=acknowledged')]).then(([firing, acknowledged]) => {
    if (disposed) return;
    const alerts = [...listOf(firing, 'alerts'), ...listOf(acknowledged, 'alerts')]
      .sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)));
    replace(body, alerts.length
      ? h('div', { class: 'table-wrap card' }, h('table', { class: 'data', 'data-testid': 'alert-table' },
        h('thead', null, h('tr', null, ['State', 'Rule', 'Metric', 'Value', 'Threshold', 'Scope', 'Since', ''].map((c) => h('th', null, c)))),
        h('tbody', null, alerts.map((a) => h('tr', null,
          h('td', null, h('span', { class: `badge ${a.state === 'firing' ? 'critical' : 'warning'}` }, a.state)),
          h('td', null, a.ruleId), h('td', null, a.metric),
          h('td', { class: 'num' }, String(a.value ?? '')), h('td', { class: 'num' }, String(a.threshold ?? '')),
          h('td', null, scopeText(a.scope)), h('td', null, fmt.dateTime(a.startedAt)),
          h('td', null, a.state === 'firing'
            ? h('button', { class: 'btn', onclick: () => api(`/v1/alerts/${encodeURIComponent(a.id)}/ack`, { method: 'POST' }).then(load) }, 'Acknowledge')
            : ''))))))
      : emptyState('No open alerts', 'Every rule is within its threshold.'));
  }).catch((err) => !disposed && replace(body, emptyState('Could not load alerts', err.message)));
  load();
  return () => {
    disposed = true;
  };
}
