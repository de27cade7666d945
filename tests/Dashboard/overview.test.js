// The Overview a marketer reads (issue #16): all six channels, the full tile set, funnel, top lists, pacing,
// granularity by range, time zone, CSV export, saved and shared views (the real /v1/dashboard/views of the
// service) and alert toasts, with the KPI and campaign answers from the stand-in (lib/fixture.js).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, signIn } from './lib/browser.js';
import { campaign, installFixture, kpi } from './lib/fixture.js';
import { ADMIN_KEY, startService } from './lib/service.js';

const SECOND_ADMIN_KEY = 'dashboard-test-second-admin-key';
const DAY = { key: 'custom', from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' };

let service;
let browser;
before(async () => {
  service = await startService({ Auth__AdminKeys: `${ADMIN_KEY},${SECOND_ADMIN_KEY}` });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await service?.stop();
});

describe('overview for a marketer (stand-in KPIs, real saved views)', () => {
  const state = {
    summary: kpi(120_000, 1_800, 90, 300_000_000, 960_000_000, {
      adRevenueMicros: 600_000_000, sessions: 400, bounces: 100, emailsSent: 1000, emailOpens: 250, emailClicks: 50,
      posts: 100, likes: 30, shares: 10, comments: 10, newCustomers: 30, purchases: 35 }),
    previous: kpi(100_000, 2_000, 70, 250_000_000, 700_000_000),
    campaigns: [{ ...campaign('c-1', 'Winter sale'), dailySpentMicros: 2_000_000 }],
  };
  let context;
  let page;
  let errors;
  before(async () => {
    ({ context, page, errors } = await openPage(browser, { timezoneId: 'America/New_York', acceptDownloads: true }));
    // records browser notifications instead of showing them; permission counts as granted
    await context.addInitScript(() => {
      window.__notified = [];
      window.Notification = class { static permission = 'granted'; constructor(title, options) { window.__notified.push({ title, ...options }); } };
    });
    await installFixture(context, state);
    await signIn(page, service.url, ADMIN_KEY);
    await page.evaluate((range) => sessionStorage.setItem('adorleans.range', JSON.stringify(range)), DAY);
  });
  after(async () => {
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  });

  it('shows the marketer tiles, all six channels in fixed colours, a funnel, geo and device breakdowns, top lists and pacing', async () => {
    await page.goto(`${service.url}/#/overview`);
    await page.waitForSelector('.tile[data-kpi=impressions][data-raw="120000"]');
    const value = (key) => page.textContent(`.tile[data-kpi=${key}] .value`);
    assert.equal(await value('roas'), '2.00×', 'ROAS is ad-attributed revenue ÷ spend');
    assert.deepEqual(await Promise.all(['cacMicros', 'clvMicros', 'bounceRate', 'openRate', 'clickToOpenRate', 'engagementRate', 'sessions', 'emailsSent'].map(value)),
      ['$10.00', '$25.00', '25.00%', '25.00%', '20.00%', '50.00%', '400', '1,000']);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=channel-table] tbody tr').length === 6);
    assert.equal(await page.getAttribute('tr[data-channel=web] .swatch', 'style'), 'background: rgb(45, 212, 191);');
    assert.notEqual(await page.textContent('tr[data-channel=web] td:nth-child(9)'), '0', 'web sessions are counted');
    assert.notEqual(await page.textContent('tr[data-channel=email] td:nth-child(11)'), '0', 'email sends are counted');
    assert.equal(await page.locator('[data-testid=funnel] .funnel-step').count(), 4);
    assert.match(await page.textContent('.funnel-step[data-step=clicks]'), /1\.50% of impressions/);
    for (const dimension of ['campaign', 'creative', 'slot', 'segment']) await page.waitForSelector(`[data-testid=top-${dimension}] tbody tr`);
    for (const dimension of ['geo', 'device']) {
      await page.waitForSelector(`[data-testid=breakdown-${dimension}] tbody tr`);
      assert.equal(await page.locator(`[data-testid=breakdown-${dimension}] tbody tr`).count(), 2);
      assert.equal(await page.textContent(`[data-testid=breakdown-${dimension}] tbody tr:first-child td:first-child`), `${dimension}-1`);
      assert.equal(await page.textContent(`[data-testid=breakdown-${dimension}] tbody tr:first-child td:nth-child(2)`), '1,000', 'impressions');
    }
    await page.waitForSelector('[data-testid=pacing-table] tr[data-campaign=c-1]');
    assert.equal(await page.locator('.chart canvas').count() >= 2, true, 'two charts in the default view');
    assert.match(await page.textContent('.chart .u-legend'), /previous period/);
    assert.match(await page.textContent('[data-testid=overview-status]'), /hour buckets/, 'a day is drawn in hours');
  });

  it('granularity follows the range: minutes up to 6 h, hours up to 14 d, days beyond', async () => {
    for (const [range, granularity] of [['6h', 'minute'], ['24h', 'hour'], ['7d', 'hour'], ['30d', 'day']]) {
      await page.click(`[data-range="${range}"]`);
      await page.waitForFunction((g) => document.querySelector('[data-testid=overview-status]')?.textContent.includes(`${g} buckets`), granularity);
    }
    await page.evaluate((range) => sessionStorage.setItem('adorleans.range', JSON.stringify(range)), DAY);
  });

  it('shows times in UTC by default and in the browser zone when chosen', async () => {
    await page.reload();
    await page.waitForSelector('[data-testid=overview-status]:has-text("2026-01-01 00:00 UTC")');
    await page.selectOption('[data-testid=time-zone]', 'local');
    await page.waitForSelector('[data-testid=overview-status]:has-text("2025-12-31 19:00 America/New_York")');
    assert.doesNotMatch(await page.textContent('[data-testid=overview-status]'), /\d [ap]m\b/i, '24-hour times');
    await page.selectOption('[data-testid=time-zone]', 'utc');
  });

  it('exports a table as CSV exactly as shown', async () => {
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=channel-table] tbody tr').length === 6);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-csv=channels]')]);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    assert.equal(lines.length, 7);
    assert.match(lines[0], /^Channel,Spend,Impressions,Clicks,CTR/);
    assert.ok(lines.some((l) => l.startsWith('web,')));
  });

  it('saves a customized view for this key, keeps it across a reload, and shares it by link with another key', async () => {
    await page.click('[data-testid=customize]');
    await page.fill('[data-testid=view-editor] input[name=name]', 'Web and email');
    await page.$$eval('[data-testid=view-editor] input[type=checkbox]', (boxes) => boxes.forEach((b) => { b.checked = false; }));
    for (const key of ['sessions', 'openRate']) await page.check(`[data-field=tiles] input[value=${key}]`);
    await page.check('[data-field=charts] input[value=revenueMicros]');
    await page.check('[data-testid=view-editor] input[name=shared]');
    await page.click('[data-testid=view-editor] button[value=new]');
    await page.waitForFunction(() => location.hash.includes('view=') && document.querySelectorAll('.tile').length === 2);
    assert.deepEqual(await page.$$eval('.tile', (t) => t.map((e) => e.dataset.kpi)), ['sessions', 'openRate']);
    assert.equal(await page.locator('.chart').count(), 1);

    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.tile').length === 2);
    await page.click('[data-testid=share]');
    const link = await page.inputValue('[data-testid=share-link]');
    assert.match(link, /#\/overview\?view=.+&owner=admin%231$/);

    const other = await openPage(browser);
    await installFixture(other.context, state);
    await signIn(other.page, service.url, SECOND_ADMIN_KEY);
    await other.page.goto(link);
    await other.page.waitForFunction(() => document.querySelectorAll('.tile').length === 2);
    assert.match(await other.page.textContent('[data-testid=view-select]'), /Web and email \(shared by admin#1\)/);
    assert.deepEqual(other.errors, []);
    await other.context.close();

    await page.click('[data-testid=delete-view]');
    await page.waitForFunction(() => document.querySelectorAll('.tile').length === 16);
  });

  it('an alert pushed on the stream shows a toast and a browser notification', async () => {
    await page.click('[data-range="1h"]');
    state.alerts.push({ id: 'spend-spike:1', ruleId: 'spend-spike', state: 'firing', metric: 'spendMicros', value: 1234, threshold: 1000, scope: { channel: 'display' } });
    await page.waitForSelector('[data-testid=alert-toast][data-alert="spend-spike:1"]', { timeout: 10000 });
    assert.match(await page.textContent('[data-testid=alert-toast]'), /Alert firing.*spend-spike: spendMicros 1234/);
    const notified = await page.evaluate(() => window.__notified);
    assert.equal(notified[0].title, 'Alert firing');
    state.alerts.length = 0;
  });
});
