// One campaign: live state, budget, targeting, creatives, and its KPIs over the chosen range.
import { api, query } from '../api.js';
import { align, lineChart } from '../chart.js';
import { code, emptyState, h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { campaignSeries, total } from '../kpi-shapes.js';
import { CAMPAIGN_TILES } from '../metrics.js';
import { iso, rangePicker, resolve, savedRange, STEP } from '../range.js';
import { actionButtons } from './campaign-actions.js';
import { budgetBar, statusBadge } from './campaigns.js';
import { sentimentCard } from './campaign-sentiment.js';
import { campaignsUnavailable } from './empty.js';
import { tile } from './kpi-tiles.js';

const fact = (label, value) => h('div', { class: 'fact' }, h('span', { class: 'label' }, label), h('span', null, value ?? '—'));
const chips = (items) => (items?.length ? h('div', { class: 'chips' }, items.map((i) => h('span', { class: 'chip' }, i))) : h('span', { class: 'muted' }, 'any'));

export function mount(main, { features, route }) {
  let range = savedRange();
  let charts = [];
  let disposed = false;
  const head = h('div', { class: 'page-head' });
  const facts = h('section', { class: 'grid-2' });
  const kpiBox = h('section');
  replace(main, h('p', null, h('a', { href: '#/campaigns' }, '← Campaigns')), head, facts, kpiBox);
  if (!features.campaigns) {
    main.append(campaignsUnavailable());
    return () => {};
  }

  function renderCampaign(c) {
    replace(head, h('div', null, h('h1', null, c.name ?? c.id, ' ', statusBadge(c.status)),
      h('p', { class: 'muted' }, `${c.id} · ${c.advertiser ?? 'no advertiser'} · ${c.channel ?? 'no channel'}`)),
    h('div', { class: 'tools' }, actionButtons(c, { enabled: features.campaignActions, onDone: (updated) => updated && renderCampaign(updated) })));
    const cap = c.frequencyCap ? `${c.frequencyCap.max} per ${c.frequencyCap.perSeconds} s` : 'none';
    const t = c.targeting ?? {};
    replace(facts,
      h('div', { class: 'card' }, h('h2', null, 'Budget and bidding'), budgetBar(c),
        h('div', { class: 'facts' },
          fact('Remaining', fmt.money(c.remainingMicros)), fact('Daily budget', fmt.money(c.dailyBudgetMicros)),
          fact('Bid', `${(c.bidType ?? '').toUpperCase()} ${fmt.money(c.bidMicros)}`), fact('Pacing', c.pacing),
          fact('Flight', `${c.startsAt ? fmt.dateTime(c.startsAt) : 'now'} → ${c.endsAt ? fmt.dateTime(c.endsAt) : 'open'}`),
          fact('Frequency cap', cap))),
      h('div', { class: 'card' }, h('h2', null, 'Targeting'),
        h('div', { class: 'facts' }, fact('Slots', chips(t.slots)), fact('Segments', chips(t.segments)), fact('Geos', chips(t.geos)), fact('Devices', chips(t.devices)))),
      h('div', { class: 'card span-2' }, h('h2', null, 'Creatives'), c.creatives?.length
        ? h('div', { class: 'table-wrap' }, h('table', { class: 'data' }, h('thead', null, h('tr', null, h('th', null, 'Id'), h('th', null, 'Size'), h('th', null, 'URL'))),
          h('tbody', null, c.creatives.map((cr) => h('tr', null, h('td', null, cr.id), h('td', null, `${cr.width}×${cr.height}`), h('td', { class: 'url' }, cr.url))))))
        : h('p', { class: 'muted' }, 'No creatives.')));
  }

  async function loadKpis() {
    charts.forEach((c) => c.destroy());
    charts = [];
    if (!features.kpi) {
      replace(kpiBox, emptyState('KPI API not available on this server', ['This build does not map ', code('/v1/kpi/campaigns/{id}'), '.']));
      return;
    }
    const w = resolve(range);
    const [body, sentiment] = await Promise.all([
      api(`/v1/kpi/campaigns/${encodeURIComponent(route.id)}?${query({ from: iso(w.from), to: iso(w.to), granularity: w.granularity })}`),
      sentimentCard(features, route.id, iso(w.from), iso(w.to))]);
    if (disposed) return;
    const points = campaignSeries(body);
    const sum = total(points);
    const countsBox = h('div', { class: 'chart' });
    const spendBox = h('div', { class: 'chart' });
    replace(kpiBox, h('div', { class: 'page-head' }, h('h2', null, `KPIs · ${w.label}`), rangePicker(range, (next) => {
      range = next;
      loadKpis().catch(showError);
    })), h('div', { class: 'tiles' }, CAMPAIGN_TILES.map((spec) => tile(spec, sum, null, w.label))),
    points.length ? null : h('p', { class: 'muted' }, 'No events for this campaign in this range.'),
    h('div', { class: 'grid-2' }, h('div', { class: 'card' }, h('h2', null, 'Impressions, clicks, conversions'), countsBox),
      h('div', { class: 'card' }, h('h2', null, 'Spend and revenue'), spendBox), sentiment));
    const step = STEP[w.granularity];
    const times = [];
    for (let t = w.from.getTime() / 1000; t < w.to.getTime() / 1000; t += step) times.push(t);
    const byTime = new Map(points.map((p) => [p.t, p]));
    const column = (field) => times.map((t) => ({ t, value: Number(byTime.get(t)?.[field] ?? 0) }));
    const counts = lineChart(countsBox, { series: [{ label: 'impressions', color: '#38bdf8' }, { label: 'clicks', color: '#fbbf24' }, { label: 'conversions', color: '#a3e635' }], format: fmt.count });
    counts.setData(align([column('impressions'), column('clicks'), column('conversions')]));
    const money = lineChart(spendBox, { series: [{ label: 'spend', color: '#f472b6' }, { label: 'revenue', color: '#2dd4bf' }], format: fmt.money });
    money.setData(align([column('spendMicros'), column('revenueMicros')]));
    charts = [counts, money];
  }

  function showError(err) {
    if (!disposed) replace(kpiBox, emptyState('Could not load KPIs', err.message));
  }

  api(`/v1/campaigns/${encodeURIComponent(route.id)}`)
    .then((c) => {
      if (disposed) return;
      renderCampaign(c);
      loadKpis().catch(showError);
    })
    .catch((err) => {
      if (disposed) return;
      replace(head, err.status === 404 ? emptyState(`No campaign “${route.id}”`, 'It may have been removed, or the id is mistyped.') : emptyState('Could not load the campaign', err.message));
    });
  return () => {
    disposed = true;
    charts.forEach((c) => c.destroy());
  };
}
