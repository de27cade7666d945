// Overview: KPI tiles with change against the previous period, per-channel time series and a
// channel breakdown. Live ranges refresh when /v1/kpi/stream pushes a change (no polling); the
// stream closes while the tab is hidden.
import { api, query } from '../api.js';
import { align, colorFor, lineChart } from '../chart.js';
import { emptyState, h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { CHANNELS, channelSeries, summaryOf, total } from '../kpi-shapes.js';
import { iso, rangePicker, resolve, savedRange, STEP } from '../range.js';
import { openStream } from '../sse.js';
import { kpiUnavailable, noKpiData } from './empty.js';

export const TILES = [
  { key: 'impressions', label: 'Impressions', format: fmt.count },
  { key: 'clicks', label: 'Clicks', format: fmt.count },
  { key: 'conversions', label: 'Conversions', format: fmt.count },
  { key: 'spendMicros', label: 'Spend', format: fmt.money, better: 'neither' },
  { key: 'ctr', label: 'CTR', format: fmt.percent },
  { key: 'cvr', label: 'CVR', format: fmt.percent },
  { key: 'cpaMicros', label: 'CPA', format: fmt.money, better: 'lower' },
  { key: 'roas', label: 'ROAS', format: fmt.multiple },
];
const METRICS = TILES.concat([{ key: 'revenueMicros', label: 'Revenue', format: fmt.money }]);
const RATIO_KEYS = new Set(['ctr', 'cvr', 'cpaMicros', 'roas']);
const MIN_REFRESH_MS = 1000;

export function tile(spec, current, previous, periodLabel) {
  const value = current?.[spec.key] ?? null;
  const delta = fmt.change(value, previous?.[spec.key]);
  const good = !delta || spec.better === 'neither' ? 'neutral'
    : (delta.direction === 'up') === (spec.better !== 'lower') ? 'good' : delta.direction === 'flat' ? 'neutral' : 'bad';
  return h('div', { class: 'tile', dataset: { kpi: spec.key, raw: value ?? '' } },
    h('span', { class: 'label' }, spec.label),
    h('span', { class: 'value' }, spec.format(value)),
    h('span', { class: `delta ${good}` }, delta ? `${{ up: '▲', down: '▼', flat: '■' }[delta.direction]} ${delta.text} vs prev. ${periodLabel}` : 'no previous period'));
}

export function mount(main, { features, setLive }) {
  let range = savedRange();
  let metric = sessionStorage.getItem('adorleans.metric') ?? 'impressions';
  let series = new Map();
  let summary = { current: null, previous: null };
  let stream = null;
  let chart = null;
  let refreshTimer = null;
  let lastRefresh = 0;
  let clockTimer = null;
  let disposed = false;

  const tiles = h('section', { class: 'tiles', 'aria-label': 'KPIs' });
  const notice = h('div');
  const chartBox = h('div', { class: 'chart' });
  const breakdown = h('div', { class: 'table-wrap' });
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
  main.append(notice, tiles,
    h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', null, 'By channel'), metricSelect), chartBox),
    h('section', { class: 'card' }, h('h2', null, 'Channel breakdown'), breakdown), status);

  function renderPicker() {
    replace(pickerBox, rangePicker(range, (next) => {
      range = next;
      renderPicker();
      restart();
    }));
  }

  function currentWindow() {
    return resolve(range);
  }

  function grid(w) {
    const step = STEP[w.granularity];
    const times = [];
    for (let t = w.from.getTime() / 1000; t < w.to.getTime() / 1000; t += step) times.push(t);
    return times;
  }

  function drawChart(rebuild = false) {
    const spec = METRICS.find((m) => m.key === metric) ?? METRICS[0];
    const channels = [...new Set([...CHANNELS.filter((c) => series.has(c)), ...series.keys()])];
    const shown = channels.length ? channels : CHANNELS;
    if (rebuild || !chart || chart.channels.join() !== shown.join() || chart.metric !== spec.key) {
      chart?.destroy();
      replace(chartBox);
      chart = lineChart(chartBox, { series: shown.map((c, i) => ({ label: c, color: colorFor(c, i) })), format: spec.format });
      chart.channels = shown;
      chart.metric = spec.key;
    }
    const w = currentWindow();
    const times = grid(w);
    const isRatio = RATIO_KEYS.has(spec.key);
    const lists = shown.map((c) => {
      const byTime = new Map((series.get(c) ?? []).map((p) => [p.t, p]));
      return times.map((t) => ({ t, value: byTime.has(t) ? byTime.get(t)[spec.key] ?? (isRatio ? null : 0) : isRatio ? null : 0 }));
    });
    chart.setData(lists.length ? align(lists) : [times]);
  }

  function renderBreakdown() {
    const rows = [...series.entries()].map(([channel, points]) => ({ channel, ...total(points) }))
      .sort((a, b) => b.spendMicros - a.spendMicros || b.impressions - a.impressions);
    if (!rows.length) {
      replace(breakdown, h('p', { class: 'muted' }, 'No channel has data in this range.'));
      return;
    }
    replace(breakdown, h('table', { class: 'data', 'data-testid': 'channel-table' },
      h('thead', null, h('tr', null, ['Channel', 'Impressions', 'Clicks', 'CTR', 'Conversions', 'Spend', 'CPA', 'ROAS'].map((c) => h('th', null, c)))),
      h('tbody', null, rows.map((r) => h('tr', { dataset: { channel: r.channel } },
        h('td', null, h('span', { class: 'swatch', style: { background: colorFor(r.channel, 0) } }), r.channel),
        h('td', { class: 'num' }, fmt.count(r.impressions)), h('td', { class: 'num' }, fmt.count(r.clicks)),
        h('td', { class: 'num' }, fmt.percent(r.ctr)), h('td', { class: 'num' }, fmt.count(r.conversions)),
        h('td', { class: 'num' }, fmt.money(r.spendMicros)), h('td', { class: 'num' }, fmt.money(r.cpaMicros)),
        h('td', { class: 'num' }, fmt.multiple(r.roas)))))));
  }

  function render() {
    const w = currentWindow();
    const period = w.label.replace(/^last /, '');
    replace(tiles, TILES.map((spec) => tile(spec, summary.current, summary.previous, period)));
    const empty = !series.size && !(summary.current && (summary.current.impressions || summary.current.clicks || summary.current.conversions || summary.current.spendMicros));
    replace(notice, empty ? noKpiData() : null);
    drawChart();
    renderBreakdown();
    status.textContent = `${w.label} · ${w.granularity} buckets · ${fmt.dateTime(w.from)} → ${fmt.dateTime(w.to)} · updated ${new Date().toISOString().slice(11, 19)} UTC`;
  }

  async function load({ recentOnly = false } = {}) {
    const w = currentWindow();
    const step = STEP[w.granularity];
    const seriesFrom = recentOnly ? new Date(Math.max(w.from.getTime(), w.to.getTime() - 3 * step * 1000)) : w.from;
    const [summaryBody, channelsBody] = await Promise.all([
      api(`/v1/kpi/summary?${query({ from: iso(w.from), to: iso(w.to), compare: 'previous' })}`),
      api(`/v1/kpi/channels?${query({ from: iso(seriesFrom), to: iso(w.to), granularity: w.granularity })}`),
    ]);
    if (disposed) return;
    summary = summaryOf(summaryBody);
    const fresh = channelSeries(channelsBody);
    const cutoff = recentOnly ? seriesFrom.getTime() / 1000 : Infinity;
    const start = w.from.getTime() / 1000;
    const merged = new Map();
    for (const channel of new Set([...series.keys(), ...fresh.keys()])) {
      const kept = recentOnly ? (series.get(channel) ?? []).filter((p) => p.t >= start && p.t < cutoff) : [];
      merged.set(channel, kept.concat(fresh.get(channel) ?? []));
    }
    series = merged;
    render();
  }

  function failed(err) {
    if (disposed) return;
    replace(notice, err.status === 404 ? kpiUnavailable() : emptyState('Could not load KPIs', err.message));
  }

  /** A push means "something changed": refetch the summary and the last buckets, at most once a second. */
  function scheduleRefresh() {
    if (refreshTimer) return;
    const wait = Math.max(0, lastRefresh + MIN_REFRESH_MS - Date.now());
    refreshTimer = setTimeout(async () => {
      lastRefresh = Date.now();
      try {
        await load({ recentOnly: true });
      } catch (err) {
        failed(err);
      } finally {
        refreshTimer = null;
      }
    }, wait);
  }

  function openLive() {
    stream?.close();
    stream = null;
    clearInterval(clockTimer);
    const w = currentWindow();
    if (!w.live) {
      setLive('off');
      return;
    }
    // the window slides with the clock even when nothing happens: move it once per bucket
    clockTimer = setInterval(scheduleRefresh, STEP[w.granularity] * 1000);
    if (!features.kpiStream) {
      setLive('off');
      return;
    }
    stream = openStream('/v1/kpi/stream', {
      onEvent: (type) => type === 'kpi' && scheduleRefresh(),
      onState: (state) => !disposed && setLive(state),
    });
  }

  function restart() {
    series = new Map();
    load().catch(failed);
    if (!document.hidden) openLive();
  }

  function onVisibility() {
    if (document.hidden) {
      stream?.close();
      stream = null;
      clearInterval(clockTimer);
      setLive('paused');
    } else {
      load({ recentOnly: false }).catch(failed);
      openLive();
    }
  }

  document.addEventListener('visibilitychange', onVisibility);
  renderPicker();
  render();
  restart();
  return () => {
    disposed = true;
    document.removeEventListener('visibilitychange', onVisibility);
    stream?.close();
    clearTimeout(refreshTimer);
    clearInterval(clockTimer);
    chart?.destroy();
  };
}

