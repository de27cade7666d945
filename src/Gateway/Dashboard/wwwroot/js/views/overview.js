// Overview: KPI tiles with change against the previous period, per-channel time series and a
// channel breakdown. Live ranges follow /v1/kpi/stream (overview-feed.js); the page repaints at most
// once a second, rewriting only the text that changed and redrawing the chart in the next idle period
// and only when its data changed. The stream closes while the tab is hidden.
import { colorFor, lineChart } from '../chart.js';
import { emptyState, h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { CHANNELS } from '../kpi-shapes.js';
import { rangePicker, resolve, savedRange } from '../range.js';
import { channelTable } from './channel-table.js';
import { kpiUnavailable, noKpiData } from './empty.js';
import { TILES, tile, updateTile } from './kpi-tiles.js';
import { overviewFeed } from './overview-feed.js';

const METRICS = TILES.concat([{ key: 'revenueMicros', label: 'Revenue', format: fmt.money }]);
const RATIO_KEYS = new Set(['ctr', 'cvr', 'cpaMicros', 'roas']);
const MIN_REPAINT_MS = 1000;

export function mount(main, { features, setLive }) {
  let range = savedRange();
  let metric = sessionStorage.getItem('adorleans.metric') ?? 'impressions';
  let chart = null;
  let chartDirty = true;
  let chartRedraw = 0;
  let repaintTimer = null;
  let lastRepaint = 0;
  let disposed = false;
  let noticeState = null;

  const tilesBox = h('section', { class: 'tiles', 'aria-label': 'KPIs' });
  const tileEls = TILES.map((spec) => tile(spec, null, null, ''));
  tilesBox.append(...tileEls);
  const notice = h('div');
  const chartBox = h('div', { class: 'chart' });
  const breakdown = h('div', { class: 'table-wrap' });
  const table = channelTable(breakdown);
  const status = h('p', { class: 'muted small', 'data-testid': 'overview-status' });
  const metricSelect = h('select', { 'aria-label': 'Chart metric', onChange: (e) => {
    metric = e.target.value;
    sessionStorage.setItem('adorleans.metric', metric);
    drawChart(true);
  } }, METRICS.map((m) => h('option', { value: m.key, selected: m.key === metric }, m.label)));
  const pickerBox = h('div');

  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Overview'), pickerBox));
  if (!features.kpi) {
    main.append(kpiUnavailable());
    return () => {};
  }
  main.append(notice, tilesBox,
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', null, 'By channel'), metricSelect), chartBox),
    h('section', { class: 'card' }, h('h2', null, 'Channel breakdown'), breakdown), status);

  const currentWindow = () => resolve(range);
  const metricSpec = () => METRICS.find((m) => m.key === metric) ?? METRICS[0];
  const feed = overviewFeed({
    features,
    currentWindow,
    metric: () => ({ key: metricSpec().key, isRatio: RATIO_KEYS.has(metricSpec().key) }),
    onLoaded: () => {
      chartDirty = true;
      requestAnimationFrame(paint);
    },
    onPushed: scheduleRepaint,
    onError: failed,
    setLive: (state) => !disposed && setLive(state),
  });

  function renderPicker() {
    replace(pickerBox, rangePicker(range, (next) => {
      range = next;
      renderPicker();
      feed.start();
    }));
  }

  function shownChannels() {
    const present = feed.series ? [...feed.series.channels.keys()] : [];
    const ordered = [...new Set([...CHANNELS.filter((c) => present.includes(c)), ...present])];
    return ordered.length ? ordered : CHANNELS;
  }

  function drawChart(rebuild = false) {
    const spec = metricSpec();
    const shown = shownChannels();
    if (rebuild || !chart || chart.channels.join() !== shown.join() || chart.metric !== spec.key) {
      chart?.destroy();
      replace(chartBox);
      chart = lineChart(chartBox, { series: shown.map((c, i) => ({ label: c, color: colorFor(c, i) })), format: spec.format });
      chart.channels = shown;
      chart.metric = spec.key;
      feed.series?.track(spec.key, RATIO_KEYS.has(spec.key));
    }
    chartDirty = false;
    chartRedraw = 0;
    const { series } = feed;
    if (!series) return;
    const gap = () => new Array(series.times.length).fill(RATIO_KEYS.has(spec.key) ? null : 0);
    chart.setData([series.times, ...shown.map((c) => series.channels.get(c)?.column ?? gap())]);
  }

  function paint() {
    const { series, summary } = feed;
    if (disposed || !series) return;
    lastRepaint = Date.now();
    if (feed.take()) chartDirty = true;
    const w = currentWindow();
    // a live range's buckets tile it exactly, so their sum is what /v1/kpi/summary would answer now
    const current = w.live ? series.grandTotal() : summary.current;
    const period = w.label.replace(/^last /, '');
    TILES.forEach((spec, i) => updateTile(tileEls[i], spec, current, summary.previous, period));
    const empty = !series.channels.size && !(current && (current.impressions || current.clicks || current.conversions || current.spendMicros));
    if (noticeState !== (empty ? 'empty' : 'data')) {
      noticeState = empty ? 'empty' : 'data';
      replace(notice, empty ? noKpiData() : null);
    }
    table.update([...series.channels.keys()].map((channel) => ({ channel, ...series.totals(channel) })));
    // the chart is redrawn in the browser's next idle period (within 250 ms), not in this frame: the text
    // updates and the redraw of 7,200 points then do not add up in one frame
    if (chartDirty && !chartRedraw) chartRedraw = requestIdleCallback(() => drawChart(), { timeout: 250 });
    status.textContent = `${w.label} · ${w.granularity} buckets · ${fmt.dateTime(w.from)} → ${fmt.dateTime(w.to)} · updated ${new Date().toISOString().slice(11, 19)} UTC`;
  }

  /** Repaints on the next frame, at most once a second however many changes are pushed. */
  function scheduleRepaint() {
    if (repaintTimer) return;
    repaintTimer = setTimeout(() => requestAnimationFrame(() => {
      repaintTimer = null;
      paint();
    }), Math.max(0, lastRepaint + MIN_REPAINT_MS - Date.now()));
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
  renderPicker();
  drawChart(true);
  feed.start();
  return () => {
    disposed = true;
    document.removeEventListener('visibilitychange', onVisibility);
    feed.stop();
    clearTimeout(repaintTimer);
    cancelIdleCallback(chartRedraw);
    chart?.destroy();
  };
}
