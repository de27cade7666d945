// Experiments: every A/B test this gateway knows (GET /v1/experiments) with its results (GET /v1/experiments/{id}):
// per variant counts, rate with its interval and the probability to be best; the test's p-value, the sample-ratio
// check and the decision, which only exists once the pre-set horizon was reached (docs/experiments.md).
import { api } from '../api.js';
import { code, emptyState, h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { listOf } from '../kpi-shapes.js';

const p = (value) => (value == null ? '—' : value < 0.0001 ? '< 0.0001' : value.toFixed(4));

function decision(x) {
  if (x.status !== 'decided') {
    return h('span', { class: 'badge warning', 'data-testid': 'experiment-status' }, `running: no winner before ${fmt.count(x.minSamplePerVariant)} per variant`);
  }
  return h('span', { class: `badge ${x.winner ? 'active' : 'critical'}`, 'data-testid': 'experiment-status', title: x.decision?.reason ?? '' },
    x.winner ? `winner: ${x.winner}` : 'decided: no winner');
}

function card(x) {
  return h('div', { class: 'card', 'data-experiment': x.id },
    h('div', { class: 'page-head' }, h('h2', null, `${x.id} · campaign `, h('a', { href: `#/campaigns/${encodeURIComponent(x.campaignId)}` }, x.campaignId), ` · ${x.metric.toUpperCase()}`),
      h('div', { class: 'tools' }, x.sampleRatioMismatch
        ? h('span', { class: 'badge critical', 'data-testid': 'srm', title: 'Impressions do not follow the weights: the split is broken, no winner is declared.' }, 'sample-ratio mismatch')
        : null, decision(x))),
    h('p', { class: 'muted' }, `p-value ${p(x.pValue)} (alpha ${x.alpha}) · sample-ratio check p ${p(x.srmPValue)} · since ${fmt.dateTime(x.startedAt)}`,
      x.decision ? ` · ${x.decision.reason}` : ''),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('thead', null, h('tr', null, ['Variant', 'Creative', 'Weight', 'Impressions', 'Clicks', 'Conversions', 'Rate', 'Interval', 'P(best)'].map((c) => h('th', null, c)))),
      h('tbody', null, x.variants.map((v) => h('tr', { 'data-variant': v.id },
        h('td', null, v.id), h('td', null, v.creativeId), h('td', { class: 'num' }, `${v.weight}%`),
        h('td', { class: 'num' }, fmt.count(v.impressions)), h('td', { class: 'num' }, fmt.count(v.clicks)), h('td', { class: 'num' }, fmt.count(v.conversions)),
        h('td', { class: 'num' }, fmt.percent(v.rate)),
        h('td', { class: 'num' }, v.ciLow == null ? '—' : `${fmt.percent(v.ciLow)} – ${fmt.percent(v.ciHigh)}`),
        h('td', { class: 'num' }, fmt.percent(v.probabilityToBeBest, 1))))))));
}

export function mount(main, { features }) {
  const body = h('section');
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Experiments')), body);
  if (!features.experiments) {
    replace(body, emptyState('No experiments on this server', ['This server does not map ', code('GET /v1/experiments'), '.']));
    return () => {};
  }
  let disposed = false;
  api('/v1/experiments')
    .then((list) => Promise.all(listOf(list, 'experiments').map((e) => api(`/v1/experiments/${encodeURIComponent(e.config.id)}`))))
    .then((results) => {
      if (disposed) return;
      replace(body, results.length
        ? h('div', { class: 'stack', 'data-testid': 'experiments' }, results.map(card))
        : emptyState('No experiments yet', ['Create one with ', code('POST /v1/experiments'), ' (docs/experiments.md).']));
    })
    .catch((err) => !disposed && replace(body, emptyState('Could not load experiments', err.message)));
  return () => {
    disposed = true;
  };
}
