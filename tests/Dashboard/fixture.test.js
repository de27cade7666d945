// The front end against API.md-shaped KPI and campaign answers (lib/fixture.js) on the real
// service: tiles show exactly what the API says, a pushed change updates them without a reload,
// and pause from the table sends the command and shows the new status.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, signIn } from './lib/browser.js';
import { campaign, installFixture, kpi, pointAt, push } from './lib/fixture.js';
import { ADMIN_KEY, startService } from './lib/service.js';

let service;
let browser;
before(async () => {
  service = await startService();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await service?.stop();
});

describe('with the KPI and campaigns APIs (stand-in)', () => {
  const state = {
    summary: kpi(120_000, 1_800, 90, 300_000_000, 960_000_000),
    previous: kpi(100_000, 2_000, 70, 250_000_000, 700_000_000),
    campaigns: [campaign('c-1', 'Winter sale'), campaign('c-2', 'Spring launch', 'paused', 45_000_000)],
  };
  let context;
  let page;
  let errors;
  before(async () => {
    ({ context, page, errors } = await openPage(browser));
    await installFixture(context, state);
    await signIn(page, service.url, ADMIN_KEY);
  });
  after(async () => {
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  });

  it('tiles of a fixed range show the summary exactly, money from micros, and the change against the previous period', async () => {
    await page.evaluate(() => sessionStorage.setItem('adorleans.range', JSON.stringify({ key: 'custom', from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' })));
    await page.goto(`${service.url}/#/overview`);
    await page.waitForSelector('.tile[data-kpi=impressions][data-raw="120000"]');
    assert.equal(await page.textContent('.tile[data-kpi=spendMicros] .value'), '$300.00');
    assert.equal(await page.textContent('.tile[data-kpi=cpaMicros] .value'), '$3.33');
    assert.equal(await page.textContent('.tile[data-kpi=clvMicros] .value'), '$25.00', 'CLV from the summary\'s lifetime');
    assert.equal(await page.textContent('.tile[data-kpi=roas] .value'), '3.20×');
    assert.match(await page.textContent('.tile[data-kpi=impressions] .delta'), /\+20\.0%/);
    assert.match(await page.getAttribute('.tile[data-kpi=clicks] .delta', 'class'), /bad/);
    assert.match(await page.getAttribute('.tile[data-kpi=cpaMicros] .delta', 'class'), /good/, 'a lower CPA is good');
    assert.equal(await page.locator('[data-testid=channel-table] tbody tr').count(), 6);
    assert.ok(await page.locator('.chart canvas').count() > 0);
    assert.equal(await page.getAttribute('#live', 'data-state'), 'off', 'a fixed range is not live');
  });

  it('tiles of a live range add up the channel buckets the page holds', async () => {
    await page.click('[data-range="1h"]');
    await page.waitForSelector('#live[data-state=live]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=channel-table] tbody tr').length === 6);
    await page.waitForFunction(() => document.querySelector('.tile[data-kpi=impressions]')?.dataset.raw);
    const sum = await page.evaluate(() => [...document.querySelectorAll('[data-testid=channel-table] tbody tr td:nth-child(3)')]
      .reduce((n, td) => n + Number(td.textContent.replace(/,/g, '')), 0));
    assert.equal(Number(await page.getAttribute('.tile[data-kpi=impressions]', 'data-raw')), sum);
  });

  it('a pushed bucket updates the tiles and the table in place, without reload', async () => {
    await page.goto(`${service.url}/#/overview`);
    await page.waitForSelector('#live[data-state=live]');
    const second = new Date().getUTCSeconds();
    if (second < 2 || second > 45) await page.waitForTimeout(((62 - second) % 60) * 1000); // not across a minute boundary (the window slides)
    await page.waitForFunction(() => document.querySelector('.tile[data-kpi=impressions]')?.dataset.raw);
    const before = Number(await page.getAttribute('.tile[data-kpi=impressions]', 'data-raw'));
    const cellBefore = await page.textContent('tr[data-channel=display] td:nth-child(3)');
    await page.evaluate(() => {
      window.__sameDocument = true;
      window.__nodes = [document.querySelector('.tile[data-kpi=impressions]'), document.querySelector('.tile[data-kpi=impressions] .value'), document.querySelector('tr[data-channel=display]')];
    });
    const t = Math.floor(Date.now() / 60000) * 60 - 60;
    const base = pointAt(0, t);
    push(state, 'display', t, kpi(base.impressions + 5, base.clicks, base.conversions, base.spendMicros, base.revenueMicros));
    await page.waitForSelector(`.tile[data-kpi=impressions][data-raw="${before + 5}"]`, { timeout: 10000 });
    assert.notEqual(await page.textContent('tr[data-channel=display] td:nth-child(3)'), cellBefore, 'the row shows the new total');
    assert.deepEqual(await page.evaluate(() => [window.__sameDocument, ...window.__nodes.map((n) => n.isConnected)]), [true, true, true, true],
      'same document; the tile, its value and the row are the nodes that were there before');
    assert.ok(state.streams >= 1, 'the stream was opened');
  });

  it('ranges are selectable, including 7 days at hour granularity', async () => {
    await page.click('[data-range="7d"]');
    await page.waitForFunction(() => document.querySelector('[data-testid=overview-status]')?.textContent.includes('hour buckets'));
    await page.click('[data-range="1h"]');
  });

  it('pause from the table asks for confirmation, sends the command and shows the new status', async () => {
    await page.goto(`${service.url}/#/campaigns`);
    const row = page.locator('tr[data-campaign="c-1"]');
    await row.waitFor();
    assert.equal(await row.locator('[data-testid=status]').textContent(), 'active');
    assert.equal(await page.locator('tr[data-campaign="c-2"] button[data-action=resume]').isEnabled(), true);
    await row.locator('button[data-action=pause]').click();
    await page.click('dialog[data-testid=confirm] button[value=cancel]');
    assert.equal(state.campaigns[0].status, 'active', 'cancel sends nothing');
    await row.locator('button[data-action=pause]').click();
    await page.click('dialog[data-testid=confirm] button[value=ok]');
    await page.waitForFunction(() => document.querySelector('tr[data-campaign="c-1"] [data-testid=status]')?.textContent === 'paused');
    assert.equal(state.campaigns[0].status, 'paused');
  });

  it('sorts the table by a column', async () => {
    await page.click('th[data-sort=spent]');
    const first = async () => page.locator('tbody tr').first().getAttribute('data-campaign');
    const one = await first();
    await page.click('th[data-sort=spent]');
    assert.notEqual(await first(), one);
  });

  it('drills down into a campaign with its targeting, creatives and charts', async () => {
    await page.click('a[href="#/campaigns/c-1"]');
    await page.waitForSelector('main[data-view=campaign] .chart canvas');
    const text = await page.textContent('main');
    for (const expected of ['Winter sale', 's-1', 'sports', 'cr-1', '300×250', '$37.50']) assert.ok(text.includes(expected), expected);
  });
});
