// The browser modules that need no DOM, run directly in node.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { creditMatrix, spendOf } from '../../src/Gateway/Dashboard/wwwroot/js/attribution-matrix.js';
import * as fmt from '../../src/Gateway/Dashboard/wwwroot/js/format.js';
import { channelChange, channelSeries, summaryOf, total, withRatios } from '../../src/Gateway/Dashboard/wwwroot/js/kpi-shapes.js';
import { WindowSeries } from '../../src/Gateway/Dashboard/wwwroot/js/live-series.js';
import { granularityFor } from '../../src/Gateway/Dashboard/wwwroot/js/range.js';
import { tickLabels } from '../../src/Gateway/Dashboard/wwwroot/js/timezone.js';
import { featureColumns } from '../../src/Gateway/Dashboard/wwwroot/js/views/audience-segments.js';
import { pace } from '../../src/Gateway/Dashboard/wwwroot/js/views/pacing.js';

describe('format', () => {
  it('formats money from integer micros', () => {
    assert.equal(fmt.money(2_500_000), '$2.50');
    assert.equal(fmt.money(1), '$0.00');
    assert.equal(fmt.money(3_400_000_000_000), '$3.40M');
    assert.equal(fmt.money(null), '—');
  });

  it('shows null ratios as a dash, never NaN', () => {
    assert.equal(fmt.percent(null), '—');
    assert.equal(fmt.multiple(null), '—');
    assert.equal(fmt.percent(0.015), '1.50%');
  });

  it('describes the change against the previous period', () => {
    assert.deepEqual(fmt.change(120, 100), { text: '+20.0%', direction: 'up' });
    assert.deepEqual(fmt.change(0, 0), { text: '0%', direction: 'flat' });
    assert.equal(fmt.change(5, null), null);
  });
});

describe('KPI shapes', () => {
  it('reads a summary with a previous period, flat or wrapped', () => {
    const flat = summaryOf({ impressions: 10, clicks: 1, conversions: 0, spendMicros: 5, revenueMicros: 0, cpaMicros: null, previous: { impressions: 8 } });
    assert.equal(flat.current.impressions, 10);
    assert.equal(flat.current.cpaMicros, null);
    assert.equal(flat.previous.impressions, 8);
    assert.equal(summaryOf({ current: { impressions: 3 }, previous: null }).current.impressions, 3);
    assert.equal(summaryOf({}).current, null);
  });

  it('reads channel series in the envelopes the KPI API may use', () => {
    const at = '2026-01-01T00:00:00Z';
    for (const body of [
      { channels: [{ channel: 'email', points: [{ at, impressions: 4 }] }] },
      { channels: [{ dimension: { dimension: 'channel', id: 'email', name: 'email' }, points: [{ bucketStart: at, impressions: 4 }] }] },
      [{ channel: 'email', points: [{ time: at, impressions: 4 }] }],
      { points: [{ channel: 'email', bucket: at, impressions: 4 }] },
      { series: { email: [{ start: at, impressions: 4 }] } },
    ]) {
      const series = channelSeries(body);
      assert.deepEqual([...series.keys()], ['email'], JSON.stringify(body));
      assert.equal(series.get('email')[0].t, Date.parse(at) / 1000);
    }
  });

  it('totals add counts and recompute ratios, null where the denominator is 0', () => {
    const sum = total([{ impressions: 100, clicks: 2, spendMicros: 10 }, { impressions: 100, clicks: 0, spendMicros: 0 }]);
    assert.equal(sum.ctr, 0.01);
    assert.equal(sum.cpaMicros, null);
    assert.equal(sum.roas, 0);
  });
});

describe('KPI stream changes', () => {
  const change = (fields) => JSON.stringify({ id: 7, dimension: 'channel', dimensionId: 'email', granularity: 'minute', bucketStart: '2026-01-01T00:01:00+00:00', values: { impressions: 3 }, ...fields });

  it('reads a channel bucket of the asked granularity', () => {
    assert.deepEqual(channelChange(change({}), 'minute'), { channel: 'email', t: Date.parse('2026-01-01T00:01:00Z') / 1000, point: { impressions: 3 } });
  });

  it('skips other dimensions, other granularities and what it cannot read', () => {
    assert.equal(channelChange(change({ dimension: 'campaign' }), 'minute'), null);
    assert.equal(channelChange(change({}), 'hour'), null);
    assert.equal(channelChange(change({ bucketStart: 'soon' }), 'minute'), null);
    assert.equal(channelChange('{"channel":', 'minute'), null);
  });

  it('rounds money ratios of totals to whole micros, half away from zero, as the API does', () => {
    assert.equal(total([{ spendMicros: 5, conversions: 2 }]).cpaMicros, 3);
    assert.equal(total([{ spendMicros: 1, impressions: 3 }]).cpmMicros, 333);
  });
});

describe('window series', () => {
  const point = (impressions, ctr = null) => ({ impressions, clicks: 0, conversions: 0, spendMicros: 0, revenueMicros: 0, ctr });

  it('keeps one dense column per channel for the charted metric, zero where a count has no bucket', () => {
    const s = new WindowSeries(0, 300, 60);
    s.track([{ key: 'impressions', isRatio: false }]);
    assert.deepEqual(s.times, [0, 60, 120, 180, 240]);
    assert.deepEqual(s.set('display', 120, point(7)), { inWindow: true, charted: true });
    assert.deepEqual(s.channels.get('display').columns.get('impressions'), [0, 0, 7, 0, 0]);
    assert.deepEqual(s.set('display', 120, point(7)), { inWindow: true, charted: false }, 'the same value needs no redraw');
    assert.deepEqual(s.set('display', 300, point(1)), { inWindow: false, charted: false });
    assert.deepEqual(s.set('display', 90, point(1)), { inWindow: false, charted: false }, 'not a bucket start');
  });

  it('has gaps (null) in a ratio column where there is no bucket', () => {
    const s = new WindowSeries(0, 180, 60);
    s.track([{ key: 'ctr', isRatio: true }]);
    s.set('search', 60, point(10, 0.5));
    assert.deepEqual(s.channels.get('search').columns.get('ctr'), [null, 0.5, null]);
  });

  it('replaces a bucket with its new absolute totals (a pushed change), keeping channel and grand totals', () => {
    const s = new WindowSeries(0, 180, 60);
    s.set('display', 0, point(5));
    s.set('display', 60, point(5));
    s.set('search', 60, point(1));
    s.set('display', 60, point(8));
    assert.equal(s.totals('display').impressions, 13);
    assert.equal(s.grandTotal().impressions, 14);
  });

  it('slides with the clock: drops the oldest buckets from columns and totals and adds empty ones', () => {
    const s = new WindowSeries(0, 240, 60);
    s.track([{ key: 'impressions', isRatio: false }]);
    [1, 2, 3, 4].forEach((n, i) => s.set('display', i * 60, point(n)));
    const times = s.times;
    assert.equal(s.slideTo(120), 2);
    assert.equal(s.times, times, 'the same arrays, changed in place');
    assert.deepEqual(s.times, [120, 180, 240, 300]);
    assert.deepEqual(s.channels.get('display').columns.get('impressions'), [3, 4, 0, 0]);
    assert.equal(s.totals('display').impressions, 7);
    assert.equal(s.slideTo(60), 0, 'never backwards');
    assert.equal(s.slideTo(6000), 98);
    assert.deepEqual(s.times, [6000, 6060, 6120, 6180]);
    assert.equal(s.totals('display').impressions, 0);
  });
});

describe('overview helpers', () => {
  it('picks minutes up to 6 h, hours up to 14 d, days beyond', () => {
    assert.deepEqual([900, 6 * 3600, 6 * 3600 + 60, 86400, 14 * 86400, 14 * 86400 + 1, 30 * 86400].map(granularityFor),
      ['minute', 'minute', 'hour', 'hour', 'hour', 'day', 'day']);
  });

  it('labels axis ticks in 24-hour time, with the date only where the day changes, in the chosen zone', () => {
    const t = Date.parse('2026-01-01T22:00:00Z') / 1000;
    assert.deepEqual(tickLabels([t, t + 3600, t + 7200], 3600, 'UTC'), ['22:00\n01-01', '23:00', '00:00\n01-02']);
    assert.deepEqual(tickLabels([t], 3600, 'America/New_York'), ['17:00\n01-01']);
    assert.deepEqual(tickLabels([t, t + 86400], 86400, 'UTC'), ['01-01', '01-02']);
  });

  it('paces spend against the straight line of the plan, null without a plan', () => {
    assert.equal(pace(50, 100, 0, 1000, 250), 2, 'half spent a quarter of the way in');
    assert.equal(pace(50, 100, 0, 1000, 5000), 0.5, 'after the end the whole budget was planned');
    assert.equal(pace(50, null, 0, 1000, 500), null);
    assert.equal(pace(50, 100, 0, null, 500), null);
    assert.equal(pace(0, 100, 1000, 2000, 500), null, 'nothing planned before the start');
  });

  it('computes the marketer ratios from counts, ROAS from ad-attributed revenue when known', () => {
    const k = withRatios({ spendMicros: 100, revenueMicros: 1000, adRevenueMicros: 300, newCustomers: 4, sessions: 10, bounces: 4,
      posts: 10, likes: 2, shares: 1, comments: 1, emailsSent: 100, emailOpens: 20, emailClicks: 5 });
    assert.deepEqual([k.roas, k.cacMicros, k.bounceRate, k.engagementRate, k.openRate, k.clickToOpenRate], [3, 25, 0.4, 0.4, 0.2, 0.25]);
    assert.equal(withRatios({ spendMicros: 0, revenueMicros: 5 }).roas, null);
  });

  it('sums a metric over channels per bucket for the previous period line', () => {
    const s = new WindowSeries(0, 180, 60);
    s.set('display', 0, { impressions: 10, clicks: 1 });
    s.set('search', 0, { impressions: 30, clicks: 1 });
    assert.deepEqual(s.totalColumn({ key: 'impressions', isRatio: false }), [40, 0, 0]);
    assert.deepEqual(s.totalColumn({ key: 'ctr', isRatio: true }), [0.05, null, null]);
  });
});

describe('attribution matrix', () => {
  const comparison = { models: [
    { model: 'last-click', conversions: 2, revenueMicros: 12_000_000, channels: [
      { channel: 'email', conversions: 1, revenueMicros: 4_000_000 }, { channel: 'display', conversions: 1, revenueMicros: 8_000_000 }] },
    { model: 'linear', conversions: 2, revenueMicros: 12_000_000, channels: [
      { channel: 'direct', conversions: 0.5, revenueMicros: 2_000_000 }, { channel: 'display', conversions: 1.5, revenueMicros: 10_000_000 }] }] };

  it('puts every channel any model credits in one row, in channel order with others after, zero where a model gives none', () => {
    const m = creditMatrix(comparison, spendOf({ channels: [{ channel: 'display', spendMicros: 4_000_000 }] }));
    assert.deepEqual(m.models, ['last-click', 'linear']);
    assert.deepEqual(m.rows.map((r) => r.channel), ['display', 'email', 'direct']);
    assert.deepEqual(m.rows[1].credits.linear, { conversions: 0, revenueMicros: 0, roas: null });
    assert.equal(m.rows[2].credits.linear.conversions, 0.5);
  });

  it('computes ROAS only where the channel has spend; the total counts revenue of channels with spend', () => {
    const m = creditMatrix(comparison, spendOf({ channels: [{ channel: 'display', spendMicros: 4_000_000 }] }));
    assert.equal(m.rows[0].credits['last-click'].roas, 2);
    assert.equal(m.rows[0].credits.linear.roas, 2.5);
    assert.equal(m.rows[1].spendMicros, null);
    assert.deepEqual(m.total.credits.linear, { conversions: 2, revenueMicros: 12_000_000, roas: 2.5 });
    assert.equal(creditMatrix(comparison).total.credits.linear.roas, null, 'no spend known: no ROAS');
  });
});

describe('audience segments', () => {
  it('shows recency, frequency and value first, then every channel share', () => {
    const columns = featureColumns([{ centroid: { web: 0.5, recencyDays: 2, frequency: 3, monetary: 12.5, email: 0.25 } }]);
    assert.deepEqual(columns.map(([key]) => key), ['recencyDays', 'frequency', 'monetary', 'web', 'email']);
    assert.deepEqual(columns.map(([, , text], i) => text([2, 3, 12.5, 0.5, 0.25][i])), ['2.0', '3.0', '$12.50', '50.0%', '25.0%']);
  });
});

describe('vendored uPlot', () => {
  it('equals the uplot version pinned in package-lock.json', () => {
    const hash = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');
    const vendor = new URL('../../src/Gateway/Dashboard/wwwroot/vendor/uplot/', import.meta.url);
    for (const file of ['uPlot.iife.min.js', 'uPlot.min.css']) {
      assert.equal(hash(new URL(file, vendor)), hash(new URL(`node_modules/uplot/dist/${file}`, import.meta.url)), file);
    }
  });
});
