// The browser modules that need no DOM, run directly in node.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as fmt from '../../src/Gateway/Dashboard/wwwroot/js/format.js';
import { channelSeries, summaryOf, total } from '../../src/Gateway/Dashboard/wwwroot/js/kpi-shapes.js';

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

describe('vendored uPlot', () => {
  it('equals the uplot version pinned in package-lock.json', () => {
    const hash = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');
    const vendor = new URL('../../src/Gateway/Dashboard/wwwroot/vendor/uplot/', import.meta.url);
    for (const file of ['uPlot.iife.min.js', 'uPlot.min.css']) {
      assert.equal(hash(new URL(file, vendor)), hash(new URL(`node_modules/uplot/dist/${file}`, import.meta.url)), file);
    }
  });
});
