// Overview: the tiles and charts of the chosen saved view (view-bar.js), a funnel, all six channels, geo and device
// breakdowns, top campaigns / creatives / slots / segments, budget pacing. Live ranges follow /v1/kpi/stream (overview-feed.js);
// the page repaints at most once a second, rewriting only the text that changed and redrawing charts in the next
// idle period and only when their data changed. The stream closes while the tab is hidden.
import { showAlert, notifyButton } from '../alert-toasts.js';
import { csvButton } from '../csv.js';
import { emptyState, h, replace } from '../dom.js';
import { DEFAULT_VIEW, metric } from '../metrics.js';
import { rangePicker, resolve, savedRange } from '../range.js';
import { dateTime, zoneLabel, zonePicker } from '../timezone.js';
import { channelTable } from './channel-table.js';
import { kpiUnavailable, noKpiData } from './empty.js';
import { funnel } from './funnel.js';
import { geoDevice } from './geo-device.js';
import { tile, updateTile } from './kpi-tiles.js';
import { overviewCharts } from './overview-charts.js';
import { overviewFeed } from './overview-feed.js';
import { pacingTable } from './pacing.js';
import { topLists } from './top-lists.js';
import { loadView, viewBar } from './view-bar.js';

const MIN_REPAINT_MS = 1000;
const SIDE_REFRESH_MS = 60_000;

export function mount(main, { features, route, setLive }) {
  let range = savedRange();
  let disposed = false;
  let cleanup = () => {};
  const pickerBox = h('div', { class: 'head-tools' });
  const barBox = h('div');
  const body = h('div', { class: 'overview-body' });
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Overview'), pickerBox), barBox, body);
  if (!features.kpi) {
    body.append(kpiUnavailable());
    return () => {};
  }
  loadView(route?.params, features)
    .catch(() => ({ view: DEFAULT_VIEW, owner: null, saved: [] }))
    .then((state) => { if (!disposed) cleanup = build(state); });

  function build(state) {
    const view = state.view;
    let chartDirty = true;
    let chartRedraw = 0;
    let repaintTimer = null;
    let lastRepaint = 0;
    let noticeState = null;

    const specs = view.tiles.map(metric);
    const tileEls = specs.map((spec) => tile(spec, null, null, ''));
    const notice = h('div');
    const chartsBox = h('div', { class: 'charts' });
    const charts = overviewCharts(chartsBox, view.charts);
    const tableBox = h('div', { class: 'table-wrap' });
    const table = channelTable(tableBox);
    const funnelBox = h('div', { class: 'funnel', 'data-testid': 'funnel' });
    const steps = funnel(funnelBox);
    const geoDeviceBox = h('section', { class: 'card', 'data-testid': 'geo-device' });
    const breakdowns = geoDevice(geoDeviceBox);
    const topBox = h('section', { class: 'card' });
    const top = topLists(topBox);
    const pacingBox = h('section', { class: 'card' });
    const pacing = features.campaigns ? pacingTable(pacingBox) : null;
    const status = h('p', { class: 'muted small', 'data-testid': 'overview-status' });
    viewBar(barBox, state, { features, current: () => ({ tiles: view.tiles, charts: view.charts }) });
    replace(body, notice, h('section', { class: 'tiles', 'aria-label': 'KPIs' }, tileEls), chartsBox,
      h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', null, 'Channels'), csvButton(() => table.table, 'channels')), tableBox),
      h('div', { class: 'split' },
        h('section', { class: 'card' }, h('h2', null, 'Funnel'), funnelBox),
        geoDeviceBox),
      topBox, pacing && pacingBox, status);

    const currentWindow = () => resolve(range);
    const feed = overviewFeed({
      features, currentWindow, metrics: charts.metrics,
      onLoaded: () => { chartDirty = true; requestAnimationFrame(paint); },
      onPushed: scheduleRepaint, onError: failed, onAlert: showAlert,
      setLive: (s) => !disposed && setLive(s),
    });
    const sides = () => { top.load(currentWindow()); breakdowns.load(currentWindow()); pacing?.load(); };
    const sideTimer = setInterval(sides, SIDE_REFRESH_MS);

    replace(pickerBox, rangePicker(range, (next) => { range = next; cleanup(); cleanup = build(state); }),
      zonePicker(() => { cleanup(); cleanup = build(state); }), notifyButton());

    function paint() {
      const { series, summary } = feed;
      if (disposed || !series) return;
      lastRepaint = Date.now();
      if (feed.take()) chartDirty = true;
      const w = currentWindow();
      // a live range's buckets tile it exactly, so their sum is what /v1/kpi/summary would answer now; ROAS (ad-attributed
      // revenue) and CLV (lifetime) are not in the channel buckets and come from the summary, refetched once a minute
      const current = w.live ? { ...series.grandTotal(), roas: summary.current?.roas ?? null, clvMicros: summary.current?.clvMicros ?? null } : summary.current;
      const period = w.label.replace(/^last /, '');
      specs.forEach((spec, i) => updateTile(tileEls[i], spec, current, summary.previous, period));
      const empty = !series.channels.size && !(current && (current.impressions || current.clicks || current.conversions || current.spendMicros || current.sessions));
      if (noticeState !== (empty ? 'empty' : 'data')) {
        noticeState = empty ? 'empty' : 'data';
        replace(notice, empty ? noKpiData() : null);
      }
      steps.update(current);
      table.update([...series.channels.keys()].map((channel) => ({ channel, ...series.totals(channel) })));
      // charts are redrawn in the browser's next idle period (within 250 ms), not in this frame, so text updates and redraws do not add up
      if (chartDirty && !chartRedraw) chartRedraw = requestIdleCallback(drawCharts, { timeout: 250 });
      status.textContent = `${w.label} · ${w.granularity} buckets · ${dateTime(w.from)} → ${dateTime(w.to)} · updated ${dateTime(Date.now()).slice(11)} · times in ${zoneLabel()}`;
    }

    function drawCharts() {
      chartDirty = false;
      chartRedraw = 0;
      charts.draw(feed.series, feed.previous);
    }

    /** Repaints on the next frame, at most once a second however many changes are pushed. */
    function scheduleRepaint() {
      if (repaintTimer) return;
      repaintTimer = setTimeout(() => requestAnimationFrame(() => { repaintTimer = null; paint(); }), Math.max(0, lastRepaint + MIN_REPAINT_MS - Date.now()));
    }

    function failed(err) {
      if (disposed) return;
      noticeState = 'error';
      replace(notice, err.status === 404 ? kpiUnavailable() : emptyState('Could not load KPIs', err.message));
    }

    function onVisibility() {
      if (document.hidden) {
        feed.pause();
        setLive('paused');
      } else {
        feed.resume();
      }
    }

    document.addEventListener('visibilitychange', onVisibility);
    charts.draw(null, null);
    feed.start();
    sides();
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      feed.stop();
      clearTimeout(repaintTimer);
      clearInterval(sideTimer);
      cancelIdleCallback(chartRedraw);
      charts.destroy();
      replace(body);
    };
  }

  return () => {
    disposed = true;
    cleanup();
  };
}
