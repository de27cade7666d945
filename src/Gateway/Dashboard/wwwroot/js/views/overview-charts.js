// The Overview's charts: one per metric of the view, a line per channel in its fixed colour and the previous
// period (all channels together, shifted onto this period's time axis) dashed. Columns are the window series'
// own arrays, updated in place; only the previous line is computed per draw (a few hundred points at most).
import { colorFor, lineChart, PREVIOUS_COLOR } from '../chart.js';
import { h, replace } from '../dom.js';
import { CHANNELS } from '../kpi-shapes.js';
import { metric } from '../metrics.js';

export function overviewCharts(box, keys) {
  const cards = keys.map((key) => {
    const spec = metric(key);
    const chartBox = h('div', { class: 'chart', dataset: { chart: key } });
    box.append(h('section', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', null, `${spec.label} by channel`)), chartBox));
    return { spec, chartBox, chart: null, shown: null };
  });

  function shownChannels(series) {
    const present = series ? [...series.channels.keys()] : [];
    return [...new Set([...CHANNELS, ...present])];
  }

  return {
    metrics: () => cards.map((c) => ({ key: c.spec.key, isRatio: c.spec.ratio })),

    /** Draws every chart from `series` (current window) and `previous` (the period before, same length). */
    draw(series, previous) {
      for (const card of cards) {
        const shown = shownChannels(series);
        if (!card.chart || card.shown.join() !== shown.join()) {
          card.chart?.destroy();
          replace(card.chartBox);
          const lines = shown.map((c, i) => ({ label: c, color: colorFor(c, i) }));
          lines.push({ label: 'previous period', color: PREVIOUS_COLOR, dash: [6, 4] });
          card.chart = lineChart(card.chartBox, { series: lines, format: card.spec.format });
          card.shown = shown;
        }
        if (!series) continue;
        const metricRef = { key: card.spec.key, isRatio: card.spec.ratio };
        const gap = () => new Array(series.times.length).fill(card.spec.ratio ? null : 0);
        const before = previous?.times.length === series.times.length ? previous.totalColumn(metricRef) : gap();
        card.chart.setData([series.times, ...shown.map((c) => series.channels.get(c)?.columns.get(card.spec.key) ?? gap()), before]);
      }
    },

    destroy() {
      for (const card of cards) card.chart?.destroy();
    },
  };
}
