// uPlot line charts (global `uPlot` from /dashboard/vendor/uplot): times in the chosen zone (UTC by default)
// with 24-hour labels, resized with their box.
import { dateTime, tickLabels, zone, zoneLabel } from './timezone.js';

const AXIS = '#94a3b8';
const GRID = 'rgba(148, 163, 184, 0.12)';
export const PALETTE = ['#38bdf8', '#f472b6', '#a3e635', '#fbbf24', '#c084fc', '#fb7185', '#2dd4bf', '#f97316'];
export const CHANNEL_COLORS = { display: '#38bdf8', search: '#fbbf24', social: '#f472b6', email: '#a3e635', video: '#c084fc', web: '#2dd4bf' };
export const PREVIOUS_COLOR = '#94a3b8';
// Dash patterns that keep coinciding lines apart: a line drawn under another still shows through the gaps.
export const DASHES = [[], [8, 4], [2, 3], [12, 4, 2, 4], [5, 5], [1, 5]];
const BACKGROUND = '#111a2e';
const SVG = 'http://www.w3.org/2000/svg';

export function colorFor(name, index) {
  return CHANNEL_COLORS[name] ?? PALETTE[index % PALETTE.length];
}

/**
 * Styles for charts whose lines often coincide (the cluster history: many grain types at 0 turns/s, records appended
 * and committed at the same rate): colour, dash pattern and point marker (filled or hollow) all change from one
 * series to the next, so no two of the first 24 look alike.
 */
export function distinctSeries(labels) {
  return labels.map((label, i) => ({ label, color: colorFor(label, i), dash: DASHES[i % DASHES.length], marker: i % 2 ? 'hollow' : 'filled' }));
}

function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** A legend marker drawn like the series' line: its colour, dash pattern and point marker. */
function swatch(s) {
  const dash = s.dash?.length ? s.dash.join(' ') : 'none';
  const icon = svg('svg', { class: 'swatch', width: 28, height: 10, viewBox: '0 0 28 10', 'aria-hidden': 'true', 'data-dash': dash, 'data-marker': s.marker ?? 'none' });
  icon.append(svg('line', { x1: 0, y1: 5, x2: 28, y2: 5, stroke: s.color, 'stroke-width': 2, 'stroke-dasharray': dash }));
  if (s.marker) icon.append(svg('circle', { cx: 14, cy: 5, r: 3, stroke: s.color, 'stroke-width': 1.5, fill: s.marker === 'hollow' ? BACKGROUND : s.color }));
  return icon;
}

/**
 * A time-series chart. `series` is [{ label, color, dash, marker }] (`marker`: 'filled' or 'hollow' points where
 * they are far enough apart; none by default); the legend draws each line as it is drawn. setData takes [times, ...values] (uPlot's
 * columnar layout, times in unix seconds, null for gaps).
 */
export function lineChart(box, { series, format = String, height = 240 }) {
  const width = () => Math.max(240, box.clientWidth);
  const z = zone();
  const options = {
    width: width(),
    height,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), z === 'UTC' ? 'Etc/UTC' : z),
    cursor: { points: { size: 6 }, drag: { x: true, y: false } },
    legend: { live: true },
    scales: { x: { time: true }, y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
    axes: [
      { stroke: AXIS, grid: { stroke: GRID }, ticks: { stroke: GRID }, space: 70, size: 48, values: (u, ticks, i, space, increment) => tickLabels(ticks, increment, z) },
      { stroke: AXIS, grid: { stroke: GRID }, ticks: { stroke: GRID }, size: 64, values: (u, ticks) => ticks.map(format) },
    ],
    series: [
      { label: zoneLabel(z), value: (u, v) => (v == null ? '—' : dateTime(v * 1000, z)) },
      ...series.map((s) => ({
        label: s.label,
        stroke: s.color,
        fill: series.length === 1 ? `${s.color}22` : undefined,
        width: 1.5,
        dash: s.dash?.length ? s.dash : undefined,
        spanGaps: false,
        points: s.marker ? { size: 6, width: 1.5, stroke: s.color, fill: s.marker === 'hollow' ? BACKGROUND : s.color } : { show: false },
        value: (u, v) => (v == null ? '—' : format(v)),
      })),
    ],
  };
  // The x range the operator dragged to (null when the chart shows all its data), kept across live updates.
  let zoom = null;
  options.hooks = {
    setScale: [(u, key) => {
      if (key !== 'x') return;
      const times = u.data[0];
      const { min, max } = u.scales.x;
      zoom = times.length && (min > times[0] || max < times[times.length - 1]) ? { min, max } : null;
    }],
  };
  const plot = new uPlot(options, [[], ...series.map(() => [])], box);
  plot.root.querySelectorAll('.u-legend .u-series').forEach((row, i) => {
    if (i > 0) row.querySelector('.u-marker')?.replaceWith(swatch(series[i - 1]));
  });
  const observer = new ResizeObserver(() => {
    if (plot.width !== width()) plot.setSize({ width: width(), height });
  });
  observer.observe(box);
  return {
    plot,
    /**
     * Draws `data` (the arrays may be the previous ones, changed in place). An x range the operator
     * zoomed into by dragging is kept; otherwise the axes fit the data again.
     */
    setData(data) {
      plot.batch(() => {
        plot.setData(data);
        if (zoom) plot.setScale('x', zoom);
      });
    },
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}

/** Aligns several [{t, value}] lists on one sorted time axis (uPlot's columnar data). */
export function align(lists) {
  const times = [...new Set(lists.flatMap((list) => list.map((p) => p.t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = lists.map((list) => {
    const column = new Array(times.length).fill(null);
    for (const p of list) column[index.get(p.t)] = p.value;
    return column;
  });
  return [times, ...columns];
}
