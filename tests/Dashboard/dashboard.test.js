// End-to-end: the real service (child process) and the dashboard in headless Chromium. Where an
// API is absent from this build, the test asserts the explanatory empty state instead, and says so.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, signIn } from './lib/browser.js';
import { ADMIN_KEY, CLIENT_KEY, call, sendEvents, sendImpressions, startService, waitFor } from './lib/service.js';

let service;
let browser;
let features;

before(async () => {
  service = await startService();
  browser = await launch();
  await sendEvents(service, 30);
  features = (await call(service, '/dashboard/features', { key: '' })).body;
});

after(async () => {
  await browser?.close();
  await service?.stop();
});

describe('serving', () => {
  it('serves the app at / without a key, with a content security policy', async () => {
    const response = await fetch(`${service.url}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /text\/html/);
    assert.match(response.headers.get('content-security-policy'), /script-src 'self'/);
    assert.match(await response.text(), /\/dashboard\/js\/app\.js/);
  });

  it('answers a revalidation of an unchanged asset with 304', async () => {
    const first = await fetch(`${service.url}/dashboard/js/app.js`);
    assert.equal(first.status, 200);
    const again = await fetch(`${service.url}/dashboard/js/app.js`, { headers: { 'If-None-Match': first.headers.get('etag') } });
    assert.equal(again.status, 304);
  });

  it('answers 404 for an asset that does not exist', async () => {
    assert.equal((await fetch(`${service.url}/dashboard/nope.js`)).status, 404);
  });

  it('keeps cluster history behind the admin key', async () => {
    assert.equal((await call(service, '/v1/cluster/history', { key: '' })).status, 401);
    assert.equal((await call(service, '/v1/cluster/history', { key: CLIENT_KEY })).status, 403);
    const history = await waitFor(() => call(service, '/v1/cluster/history'), (r) => r.body.samples.length >= 2);
    assert.ok(history.body.samples.at(-1).grains.length > 0, 'grain types are sampled');
  });
});

describe('sign-in', () => {
  it('refuses a client key with an explanation and keeps nothing', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(service.url);
    await page.fill('#api-key', CLIENT_KEY);
    await page.click('form.signin button[type=submit]');
    await page.waitForSelector('.signin .error:not([hidden])');
    assert.match(await page.textContent('.signin .error'), /client key/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('adorleans.adminKey')), null);
    await context.close();
  });

  it('accepts the admin key and shows the navigation', async () => {
    const { context, page, errors } = await openPage(browser);
    await signIn(page, service.url, ADMIN_KEY);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('adorleans.adminKey')), ADMIN_KEY);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('pages', () => {
  let context;
  let page;
  let errors;
  before(async () => {
    ({ context, page, errors } = await openPage(browser));
    await signIn(page, service.url, ADMIN_KEY);
  });
  after(async () => {
    assert.deepEqual(errors, [], 'no console errors on any page');
    await context.close();
  });

  it('the cluster page shows the owned partitions, their offsets and the grain types', async () => {
    await page.goto(`${service.url}/#/cluster`);
    await page.waitForSelector('[data-testid=partition-table] tbody tr');
    const cluster = (await call(service, '/v1/cluster')).body;
    const partitions = new Set(cluster.partitions.map((p) => p.partition));
    assert.equal(await page.locator('[data-testid=partition-table] tbody tr').count(), partitions.size);
    const appended = cluster.partitions.reduce((n, p) => n + p.endOffset, 0);
    assert.ok(appended >= 30, 'the events sent are on the log');
    await page.waitForSelector('[data-testid=grain-table] tbody tr');
    assert.ok(await page.locator('[data-chart=turns] canvas').count() > 0, 'the turns/s chart is drawn');
  });

  it('the cluster charts tell coinciding lines apart: each series its own colour, dash and marker, shown in the legend', async () => {
    await page.goto(`${service.url}/#/cluster`);
    await page.waitForSelector('[data-chart=log] .u-legend .swatch');
    for (const chart of ['turns', 'p99', 'log', 'cpu']) {
      const legend = await page.$$eval(`[data-chart=${chart}] .u-legend .u-series`, (rows) => rows.slice(1).map((row) => {
        const swatch = row.querySelector('.swatch');
        return { label: row.querySelector('.u-label')?.textContent, look: swatch && `${swatch.querySelector('line').getAttribute('stroke')} ${swatch.dataset.dash} ${swatch.dataset.marker}` };
      }));
      assert.ok(legend.length > 0, `${chart}: a legend`);
      assert.ok(legend.every((entry) => entry.look), `${chart}: every legend entry shows its line: ${JSON.stringify(legend)}`);
      assert.equal(new Set(legend.map((entry) => entry.look)).size, legend.length, `${chart}: no two series look alike: ${JSON.stringify(legend)}`);
    }
    // Records appended and committed run at the same rate when the service keeps up: the two lines coincide.
    const log = await page.$$eval('[data-chart=log] .u-legend .swatch', (icons) => icons.map((icon) => icon.dataset.dash));
    assert.notEqual(log[0], log[1], 'appended/s and committed/s are dashed differently');
    assert.ok(await page.locator('[data-chart=turns] .u-legend .u-series').count() > 2, 'several grain types are charted');
  });

  it('the Orleans dashboard link opens it with the product dashboard\'s sign-in (no second key)', async () => {
    await page.goto(`${service.url}/#/cluster`);
    const link = page.locator('[data-testid=orleans-dashboard]');
    const target = new URL(await link.getAttribute('href'), service.url);
    const opened = context.waitForEvent('response', (r) => new URL(r.url()).pathname === target.pathname);
    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    const response = await opened;
    assert.equal(response.status(), 200, `${target.pathname} answered ${response.status()}`);
    assert.match(await response.headerValue('content-type'), /text\/html/);
    await popup.close();
    // Without the sign-in's cookie the same address is refused: the 200 above is the sign-in's doing.
    assert.equal((await fetch(target)).status, 401);
  });

  it('the overview renders: KPI tiles when the KPI API exists, otherwise its explanatory empty state', async () => {
    await page.goto(`${service.url}/#/overview`);
    await page.waitForSelector('main[data-view=overview] h1');
    if (!features.kpi) {
      await page.waitForSelector('[data-testid=empty-state]');
      assert.match(await page.textContent('[data-testid=empty-state]'), /KPI API not available on this server/);
      return;
    }
    await page.waitForSelector('.tile[data-kpi=impressions]');
    assert.ok(await page.locator('.chart canvas').count() > 0);
  });

  it('overview numbers match the KPI API', async (t) => {
    if (!features.kpi) {
      t.diagnostic('KPI API absent on this build: asserted that the server reports it absent');
      assert.equal((await call(service, '/v1/kpi/summary')).status, 404);
      return;
    }
    await page.goto(`${service.url}/#/overview`);
    await page.click('[data-range="24h"]');
    await page.waitForSelector('.tile[data-kpi=impressions]');
    await page.waitForFunction(() => document.querySelector('[data-testid=overview-status]')?.textContent.includes('hour buckets'));
    const to = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000); // 24 h is drawn in hour buckets
    const from = new Date(to - 86400_000);
    const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const summary = (await call(service, `/v1/kpi/summary?from=${iso(from)}&to=${iso(to)}`)).body;
    const current = summary.current ?? summary.kpis ?? summary;
    for (const field of ['impressions', 'clicks', 'conversions', 'spendMicros']) {
      const shown = await page.getAttribute(`.tile[data-kpi=${field}]`, 'data-raw');
      assert.equal(Number(shown), Number(current[field] ?? 0), `${field} tile`);
    }
  });

  it('a live change appears without reload', async (t) => {
    if (!features.kpi || !features.kpiStream) {
      t.diagnostic('KPI stream absent on this build: asserted that the server reports it absent');
      assert.equal((await call(service, '/v1/kpi/stream')).status, 404);
      return;
    }
    await page.goto(`${service.url}/#/overview`);
    await page.waitForSelector('.tile[data-kpi=impressions]');
    await page.waitForSelector('#live[data-state=live]');
    await page.evaluate(() => { window.__sameDocument = true; });
    const before = Number(await page.getAttribute('.tile[data-kpi=impressions]', 'data-raw'));
    await sendImpressions(service, 5);
    await waitFor(async () => Number(await page.getAttribute('.tile[data-kpi=impressions]', 'data-raw')), (n) => n >= before + 5);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
  });

  it('applies pushed changes from the stream instead of refetching KPIs for each', async (t) => {
    if (!features.kpi || !features.kpiStream) {
      t.diagnostic('KPI stream absent on this build: nothing is pushed');
      return;
    }
    await page.goto(`${service.url}/#/overview`);
    await page.waitForSelector('#live[data-state=live]');
    await page.waitForFunction(() => document.querySelector('.tile[data-kpi=conversions]')?.dataset.raw);
    await page.waitForTimeout(1000); // the catch-up fetch after the stream connected
    const conversions = async () => Number(await page.getAttribute('.tile[data-kpi=conversions]', 'data-raw'));
    const before = await conversions();
    const fetched = [];
    const onRequest = (r) => /\/v1\/kpi\/(summary|channels)/.test(r.url()) && fetched.push(r.url());
    page.on('request', onRequest);
    for (let i = 1; i <= 3; i++) {
      await sendEvents(service, 1, { type: 'conversion', campaignId: 'c-dash-push', channel: 'search' });
      await waitFor(conversions, (n) => n >= before + i);
    }
    page.off('request', onRequest);
    // three committed changes; a bucket boundary passing meanwhile adds one summary and the newest buckets of this and the previous period
    assert.ok(fetched.length <= 3, `KPI fetches during three pushed changes: ${fetched.join(', ')}`);
  });

  it('pause of a campaign from the table takes effect', async (t) => {
    await page.goto(`${service.url}/#/campaigns`);
    if (!features.campaigns || !features.campaignActions) {
      t.diagnostic('campaigns API absent on this build: asserted the explanatory empty state');
      await page.waitForSelector('[data-testid=empty-state]');
      assert.match(await page.textContent('[data-testid=empty-state]'), /Campaigns API not available/);
      return;
    }
    const id = `c-dash-${Date.now()}`;
    const created = await call(service, '/v1/campaigns', { method: 'POST', body: {
      id, name: 'Dashboard pause test', advertiser: 'acme', channel: 'display', bidType: 'cpm', bidMicros: 2500000,
      totalBudgetMicros: 50000000, dailyBudgetMicros: 10000000, pacing: 'even', startsAt: null, endsAt: null,
      targeting: { slots: ['s-1'], segments: [], geos: ['US'], devices: ['mobile'] }, frequencyCap: { max: 3, perSeconds: 3600 },
      creatives: [{ id: 'cr-1', url: 'https://cdn.example/a.png', width: 300, height: 250 }] } });
    assert.equal(created.status, 201);
    await waitFor(() => call(service, `/v1/campaigns/${id}`), (r) => r.body?.status === 'active');
    await page.reload();
    const row = page.locator(`tr[data-campaign="${id}"]`);
    await row.locator('button[data-action=pause]').click();
    await page.click('dialog[data-testid=confirm] button[value=ok]');
    await waitFor(() => row.locator('[data-testid=status]').textContent(), (s) => s === 'paused');
    assert.equal((await call(service, `/v1/campaigns/${id}`)).body.status, 'paused');
  });

  it('the alerts page explains itself', async () => {
    await page.goto(`${service.url}/#/alerts`);
    await page.waitForSelector('main[data-view=alerts] h1');
    if (!features.alerts) {
      assert.match(await page.textContent('[data-testid=empty-state]'), /GET \/v1\/alerts/);
    } else {
      // No rule has fired on this fresh service: the page says so instead of an empty table.
      await page.waitForSelector('[data-testid=empty-state]');
      assert.match(await page.textContent('[data-testid=empty-state]'), /No open alerts/);
    }
  });

  it('the experiments page shows an experiment with its variants, and the campaign page its sentiment', async (t) => {
    if (!features.experiments || !features.sentiment) {
      t.diagnostic('experiments or sentiment API absent on this build: asserted the explanatory empty state');
      await page.goto(`${service.url}/#/experiments`);
      await page.waitForSelector('[data-testid=empty-state]');
      return;
    }
    const id = `c-exp-${Date.now()}`;
    const creative = (v) => ({ id: `${id}-${v}`, url: `https://cdn.example/${v}.png`, width: 300, height: 250 });
    const created = await call(service, '/v1/campaigns', { method: 'POST', body: {
      id, name: 'Dashboard experiment', advertiser: 'acme', channel: 'social', bidType: 'cpm', bidMicros: 1000000,
      totalBudgetMicros: 1000000000, pacing: 'asap', targeting: { slots: ['s-exp'] }, creatives: [creative('a'), creative('b')] } });
    assert.equal(created.status, 201);
    const experiment = await call(service, '/v1/experiments', { method: 'POST', body: {
      id: `x-${id}`, campaignId: id, metric: 'ctr',
      variants: [{ id: 'a', creativeId: `${id}-a`, weight: 50 }, { id: 'b', creativeId: `${id}-b`, weight: 50 }] } });
    assert.equal(experiment.status, 201);
    const comment = await call(service, '/v1/events', { key: CLIENT_KEY, method: 'POST', body: {
      eventId: `${id}-comment`, type: 'comment', campaignId: id, channel: 'social', text: 'I love this ad', occurredAt: new Date().toISOString() } });
    assert.equal(comment.status, 202);

    await waitFor(() => call(service, '/v1/experiments'), (r) => r.body.some((e) => e.config.id === `x-${id}`));
    await page.goto(`${service.url}/#/experiments`);
    const card = page.locator(`[data-experiment="x-${id}"]`);
    await card.waitFor();
    assert.equal(await card.locator('tr[data-variant]').count(), 2);
    assert.match(await card.locator('[data-testid=experiment-status]').textContent(), /running/);
    assert.equal(await card.locator('[data-testid=srm]').count(), 0, 'no impressions yet: no sample-ratio mismatch flagged');

    await waitFor(() => call(service, `/v1/kpi/sentiment?campaignId=${id}`), (r) => r.body.positive === 1);
    await page.goto(`${service.url}/#/campaigns/${id}`);
    await page.waitForSelector('[data-testid=sentiment] .facts');
    assert.match(await page.textContent('[data-testid=sentiment]'), /Positive\s*1/);
  });

  it('the lake page runs a query, shows its rows and charts the first numeric column', async () => {
    await page.goto(`${service.url}/#/lake`);
    await page.waitForSelector('main[data-view=lake] h1');
    if (!features.lake) {
      assert.match(await page.textContent('[data-testid=empty-state]'), /POST \/v1\/lake\/query/);
      return;
    }
    await page.fill('[data-testid=lake-sql]', "SELECT 'a' AS k, 3 AS v UNION ALL SELECT 'b', 5 ORDER BY k");
    await page.click('[data-testid=lake-run]');
    await page.waitForSelector('[data-testid=lake-table] tbody tr');
    assert.equal(await page.locator('[data-testid=lake-table] tbody tr').count(), 2);
    assert.equal(await page.locator('[data-testid=lake-chart] rect').count(), 2);
    assert.match(await page.textContent('[data-testid=lake-status]'), /2 rows/);
  });

  it('fits a phone screen: no page-wide horizontal scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const view of ['overview', 'cluster', 'campaigns', 'attribution', 'audiences', 'experiments', 'alerts', 'lake']) {
      await page.goto(`${service.url}/#/${view}`);
      await page.waitForSelector(`main[data-view=${view}] h1`);
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${view} overflows by ${overflow}px`);
    }
    await page.setViewportSize({ width: 1360, height: 900 });
  });
});
