// The Overview's data: the summary (with the previous period) and the per-channel series of a range.
// A live range is kept current from /v1/kpi/stream: each pushed channel bucket carries its committed
// totals and is applied as it is, with no refetch. Once per bucket, as the window slides, the summary
// (whose previous period moved too) and the newest buckets are refetched; so are the newest buckets
// whenever the stream (re)connects, since changes committed before that were not pushed. The previous
// period (same length, just before) is held as a second window and drawn on the charts; `alert` events
// on the same stream go to onAlert.
import { api, query } from '../api.js';
import { channelChange, channelSeries, summaryOf } from '../kpi-shapes.js';
import { WindowSeries } from '../live-series.js';
import { iso, STEP } from '../range.js';
import { openStream } from '../sse.js';

const RECENT_BUCKETS = 3;
// the summary (ROAS, CLV) and the newest buckets are refetched at least this often, even in hour or day buckets
const MAX_REFRESH_MS = 60_000;

/**
 * `currentWindow()` resolves the range now; `metrics()` is [{ key, isRatio }] of the charted metrics.
 * `onLoaded()` is called after an answer was merged, `onPushed()` when pushed changes wait to be
 * taken (take() applies them), `onError(err)` when a fetch failed, `onAlert(data)` per alert event.
 */
export function overviewFeed({ features, currentWindow, metrics, onLoaded, onPushed, onError, onAlert, setLive }) {
  const feed = { series: null, previous: null, summary: { current: null, previous: null } };
  let generation = 0;
  let stream = null;
  let clockTimer = null;
  let fullLoads = 0;
  let catchUp = false;
  let stopped = false;
  // pushed bucket totals not yet applied, newest per bucket; and, per fetch in flight, every push since it
  // started, re-applied on top of its answer so an answer read before a commit cannot undo that commit's push
  const pending = new Map();
  const replays = new Set();

  /** Moves the window (and the previous period's) with the clock; true when it moved. */
  function slide() {
    if (!feed.series) return false;
    const w = currentWindow();
    feed.previous?.slideTo(w.from.getTime() / 1000 - span(w));
    return feed.series.slideTo(w.from.getTime() / 1000) > 0;
  }

  const span = (w) => (w.to - w.from) / 1000;
  const channels = (from, to, granularity) => api(`/v1/kpi/channels?${query({ from: iso(from), to: iso(to), granularity })}`);

  /** Slides and applies the pushed changes; true when the charted columns changed. */
  feed.take = () => {
    if (!feed.series) return false;
    let charted = slide();
    for (const { channel, t, point } of pending.values()) {
      const isNew = !feed.series.channels.has(channel);
      const result = feed.series.set(channel, t, point);
      charted ||= result.charted || (isNew && result.inWindow);
    }
    pending.clear();
    return charted;
  };

  /** Fetches the summary and the whole window, or only its newest buckets (merged into the series). */
  async function load({ recentOnly = false } = {}) {
    const w = currentWindow();
    const step = STEP[w.granularity];
    const full = !recentOnly || !feed.series || feed.series.step !== step;
    const seriesFrom = full ? w.from : new Date(Math.max(w.from.getTime(), w.to.getTime() - RECENT_BUCKETS * step * 1000));
    const started = generation;
    const replay = [];
    replays.add(replay);
    if (full) fullLoads++;
    const back = span(w) * 1000;
    try {
      const [summaryBody, channelsBody, previousBody] = await Promise.all([
        api(`/v1/kpi/summary?${query({ from: iso(w.from), to: iso(w.to), compare: 'previous' })}`),
        channels(seriesFrom, w.to, w.granularity),
        channels(new Date(seriesFrom - back), new Date(w.to - back), w.granularity),
      ]);
      if (stopped || started !== generation) return;
      feed.summary = summaryOf(summaryBody);
      if (full) {
        feed.series = new WindowSeries(w.from.getTime() / 1000, w.to.getTime() / 1000, step);
        feed.previous = new WindowSeries((w.from - back) / 1000, (w.to - back) / 1000, step);
        feed.series.track(metrics());
      } else {
        slide();
      }
      for (const [channel, points] of channelSeries(channelsBody)) for (const p of points) feed.series.set(channel, p.t, p);
      for (const [channel, points] of channelSeries(previousBody)) for (const p of points) feed.previous.set(channel, p.t, p);
      for (const { channel, t, point } of replay) feed.series.set(channel, t, point);
      onLoaded();
    } finally {
      replays.delete(replay);
      if (full) fullLoads--;
    }
    if (full && catchUp && !stopped && started === generation) {
      catchUp = false;
      await load({ recentOnly: true });
    }
  }

  const reload = (options) => load(options).catch((err) => !stopped && onError(err));

  function onEvent(type, data) {
    if (type === 'reset') {
      reload(); // changes were lost (the server's buffer moved on): start over
      return;
    }
    if (type === 'alert') {
      onAlert(data);
      return;
    }
    const change = type === 'kpi' ? channelChange(data, currentWindow().granularity) : null;
    if (!change) return;
    pending.set(`${change.channel} ${change.t}`, change);
    for (const replay of replays) replay.push(change);
    if (feed.series) onPushed();
  }

  function onStreamState(state) {
    if (stopped) return;
    setLive(state);
    if (state !== 'live') return;
    if (feed.series && !fullLoads) reload({ recentOnly: true });
    else catchUp = true;
  }

  /**
   * At each bucket boundary (plus a moment for its last commits), and at least once a minute: slide, refetch
   * the summary and the newest buckets.
   */
  function scheduleClock() {
    clearTimeout(clockTimer);
    const step = Math.min(STEP[currentWindow().granularity] * 1000, MAX_REFRESH_MS);
    clockTimer = setTimeout(() => {
      reload({ recentOnly: true });
      scheduleClock();
    }, step - (Date.now() % step) + 500);
  }

  function openLive() {
    feed.pause();
    const w = currentWindow();
    if (!w.live) {
      setLive('off');
      return;
    }
    scheduleClock();
    if (!features.kpiStream) {
      setLive('off');
      return;
    }
    stream = openStream(`/v1/kpi/stream?${query({ granularity: w.granularity })}`, { onEvent, onState: onStreamState });
  }

  /** (Re)starts for the current range: drops what was held, loads it all, goes live when the range is. */
  feed.start = () => {
    generation++;
    feed.series = null;
    pending.clear();
    reload();
    if (!document.hidden) openLive();
  };

  /** Stops live updates (the tab is hidden); resume() reloads and goes live again. */
  feed.pause = () => {
    stream?.close();
    stream = null;
    clearTimeout(clockTimer);
  };

  feed.resume = () => {
    reload();
    openLive();
  };

  feed.stop = () => {
    stopped = true;
    feed.pause();
  };

  return feed;
}
