// Per-channel KPI points over a window of equal buckets, kept dense and aligned to one time axis,
// so a pushed bucket or a one-bucket slide of the window touches a few cells instead of rebuilding
// every point. The chart columns of the tracked metrics (one per chart) and each channel's counter
// totals are kept up to date alongside.
import { COUNTS, withRatios } from './kpi-shapes.js';

export class WindowSeries {
  /** `from` and `to` in unix seconds, `step` the bucket length in seconds; buckets start at from, from + step, … < to. */
  constructor(from, to, step) {
    this.step = step;
    this.times = [];
    for (let t = from; t < to; t += step) this.times.push(t);
    this.channels = new Map();
    this.metrics = [];
  }

  get start() {
    return this.times[0];
  }

  /** Index of the bucket starting at `t`, or -1 when it is not in the window. */
  index(t) {
    const i = (t - this.start) / this.step;
    return Number.isInteger(i) && i >= 0 && i < this.times.length ? i : -1;
  }

  /**
   * Which point fields get a chart column ([{ key, isRatio }]); ratios have gaps (null) where a bucket has no
   * data, counts have 0. Each channel's `columns` maps key → column.
   */
  track(metrics) {
    this.metrics = metrics;
    for (const channel of this.channels.values()) {
      channel.columns = new Map(metrics.map((m) => [m.key, channel.points.map((p) => WindowSeries.#value(p, m))]));
    }
  }

  static #value(point, metric) {
    return point?.[metric.key] ?? (metric.isRatio ? null : 0);
  }

  #channel(name) {
    let channel = this.channels.get(name);
    if (!channel) {
      const points = new Array(this.times.length).fill(null);
      channel = {
        points,
        totals: Object.fromEntries(COUNTS.map((f) => [f, 0])),
        columns: new Map(this.metrics.map((m) => [m.key, points.map((p) => WindowSeries.#value(p, m))])),
      };
      this.channels.set(name, channel);
    }
    return channel;
  }

  /**
   * Stores the point of bucket `t` (an absolute value, as the KPI API and stream send it) and keeps the
   * totals and the tracked columns. Returns { inWindow, charted }: whether the bucket is in the window and
   * whether a tracked column's value changed (a chart needs a redraw only then).
   */
  set(name, t, point) {
    const i = this.index(t);
    if (i < 0) return { inWindow: false, charted: false };
    const channel = this.#channel(name);
    const old = channel.points[i];
    for (const f of COUNTS) channel.totals[f] += Number(point?.[f] ?? 0) - Number(old?.[f] ?? 0);
    channel.points[i] = point;
    let charted = false;
    for (const m of this.metrics) {
      const column = channel.columns.get(m.key);
      const value = WindowSeries.#value(point, m);
      charted ||= !Object.is(column[i], value);
      column[i] = value;
    }
    return { inWindow: true, charted };
  }

  /** Moves the window so it starts at `from` (later only), dropping the oldest buckets; returns how many buckets it moved. */
  slideTo(from) {
    const shift = Math.round((from - this.start) / this.step);
    if (!(shift > 0)) return 0;
    const length = this.times.length;
    const kept = Math.max(0, length - shift);
    for (const channel of this.channels.values()) {
      for (const p of channel.points.slice(0, length - kept)) {
        if (p) for (const f of COUNTS) channel.totals[f] -= Number(p[f] ?? 0);
      }
      channel.points.splice(0, length - kept);
      for (let i = kept; i < length; i++) channel.points.push(null);
      for (const m of this.metrics) {
        const column = channel.columns.get(m.key);
        column.splice(0, length - kept);
        for (let i = kept; i < length; i++) column.push(WindowSeries.#value(null, m));
      }
    }
    this.times.splice(0, length - kept);
    const next = kept ? this.times[kept - 1] + this.step : from;
    for (let i = kept; i < length; i++) this.times.push(next + (i - kept) * this.step);
    return shift;
  }

  /** Counter totals of one channel over the window, with the ratios of those totals. */
  totals(name) {
    return withRatios({ ...this.channels.get(name).totals });
  }

  /** One metric summed over every channel per bucket (ratios from the summed counters): the previous period's line. */
  totalColumn(metric) {
    return this.times.map((_, i) => {
      const sum = Object.fromEntries(COUNTS.map((f) => [f, 0]));
      let any = false;
      for (const channel of this.channels.values()) {
        const p = channel.points[i];
        if (!p) continue;
        any = true;
        for (const f of COUNTS) sum[f] += Number(p[f] ?? 0);
      }
      return any || !metric.isRatio ? WindowSeries.#value(withRatios(sum), metric) : null;
    });
  }

  /** Counter totals over every channel: what /v1/kpi/summary answers for the same window. */
  grandTotal() {
    const sum = Object.fromEntries(COUNTS.map((f) => [f, 0]));
    for (const channel of this.channels.values()) for (const f of COUNTS) sum[f] += channel.totals[f];
    return withRatios(sum);
  }
}
