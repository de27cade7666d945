// End-to-end: the Attribution and Audiences pages against the real service, with journeys, spend and a clustering
// run seeded through the API; every number shown is compared with the API's answer for the page's own window.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, openPage, signIn } from './lib/browser.js';
import { ADMIN_KEY, CLIENT_KEY, call, sendImpressions, startService, waitFor } from './lib/service.js';

let service;
let browser;
let features;
let context;
let page;
let errors;

const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();
const event = (id, type, minutes, channel, userId, extra = {}) => ({ eventId: `intel-${id}`, type, occurredAt: ago(minutes), channel, userId, ...extra });

/**
 * u1: web → email → social → conversion; u2: email → conversion; u3: social, no conversion (so the models differ);
 * ua and ub touch display campaigns c-attr-a and c-attr-b, whose last-click revenue per spend differs tenfold.
 */
const JOURNEYS = [
  event('j1', 'pageview', 9, 'web', 'u1'), event('j2', 'email_click', 8, 'email', 'u1'), event('j3', 'like', 7, 'social', 'u1'),
  event('j4', 'conversion', 3, 'web', 'u1', { valueMicros: 9_000_000 }),
  event('j5', 'email_open', 6, 'email', 'u2'), event('j6', 'conversion', 2, 'web', 'u2', { valueMicros: 3_000_000 }),
  event('j7', 'share', 5, 'social', 'u3'),
  event('ja1', 'pageview', 6, 'display', 'ua', { campaignId: 'c-attr-a' }), event('ja2', 'conversion', 2, 'web', 'ua', { valueMicros: 20_000_000 }),
  event('jb1', 'pageview', 6, 'display', 'ub', { campaignId: 'c-attr-b' }), event('jb2', 'conversion', 2, 'web', 'ub', { valueMicros: 2_000_000 }),
];

const cellTexts = (locator) => locator.evaluateAll((rows) => rows.map((tr) => [...tr.children].map((td) => td.textContent.trim())));

before(async () => {
  service = await startService();
  browser = await launch();
  features = (await call(service, '/dashboard/features', { key: '' })).body;
  ({ context, page, errors } = await openPage(browser));
  await signIn(page, service.url, ADMIN_KEY);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await service?.stop();
});

describe('attribution and audiences', () => {
  after(() => assert.deepEqual(errors, [], 'no console errors on these pages'));

  it('the attribution page shows the six models per channel and the budget recommendations as the API does, and applies them', async (t) => {
    if (!features.attribution || !features.budgetApply) {
      t.diagnostic('attribution or budget API absent on this build: asserted the explanatory empty state');
      await page.goto(`${service.url}/#/attribution`);
      await page.waitForSelector('[data-testid=empty-state]');
      return;
    }
    await sendImpressions(service, 3, { slot: 's-attr-a', campaign: 'c-attr-a', dailyBudgetMicros: 100_000_000 });
    await sendImpressions(service, 3, { slot: 's-attr-b', campaign: 'c-attr-b', dailyBudgetMicros: 100_000_000 });
    assert.equal((await call(service, '/v1/events/batch', { key: CLIENT_KEY, method: 'POST', body: { events: JOURNEYS } })).status, 202);
    await waitFor(() => call(service, '/v1/attribution/compare'), (r) => r.body.models.every((m) => Number(m.conversions) === 4));
    await waitFor(() => call(service, '/v1/budget/recommendations?model=last-click'), (r) => r.body.campaigns.filter((c) => c.changeMicros !== 0).length === 2
      && r.body.campaigns.every((c) => c.spendMicros > 0));

    const [request] = await Promise.all([page.waitForRequest((r) => r.url().includes('/v1/attribution/compare')), page.goto(`${service.url}/#/attribution`)]);
    const range = new URL(request.url()).search;
    await page.waitForSelector('[data-testid=attribution-table] tbody tr');
    const comparison = (await call(service, `/v1/attribution/compare${range}`)).body;
    const spend = new Map((await call(service, `/v1/budget/recommendations${range}`)).body.channels.map((c) => [c.channel, c.spendMicros]));
    const credit = (model, channel) => comparison.models.find((m) => m.model === model).channels.find((c) => c.channel === channel);
    const models = comparison.models.map((m) => m.model);
    assert.deepEqual(models, ['last-click', 'first-click', 'linear', 'time-decay', 'position-based', 'markov']);

    const rows = await cellTexts(page.locator('[data-testid=attribution-table] tbody tr'));
    assert.deepEqual(rows.map((r) => r[0]), ['display', 'social', 'email', 'web']);
    for (const row of rows) {
      assert.deepEqual(row.slice(2), models.map((m) => Number(credit(m, row[0])?.conversions ?? 0).toFixed(2)), `${row[0]} conversions per model`);
    }
    assert.equal(rows.find((r) => r[0] === 'email')[2], '1.00', 'last-click credits u2 to email');
    assert.equal(rows.find((r) => r[0] === 'web')[3], '1.00', 'first-click credits u1 to web');

    await page.click('[data-measure=revenue]');
    const money = (micros) => `$${(micros / 1e6).toFixed(2)}`;
    const revenue = await cellTexts(page.locator('[data-testid=attribution-table][data-measure=revenue] tbody tr'));
    for (const row of revenue) assert.deepEqual(row.slice(2), models.map((m) => money(Number(credit(m, row[0])?.revenueMicros ?? 0))));

    await page.click('[data-measure=roas]');
    const roas = await cellTexts(page.locator('[data-testid=attribution-table][data-measure=roas] tbody tr'));
    const display = roas.find((r) => r[0] === 'display');
    assert.equal(display[1], money(spend.get('display')));
    assert.deepEqual(display.slice(2), models.map((m) => `${(credit(m, 'display').revenueMicros / spend.get('display')).toFixed(2)}×`));
    assert.ok(roas.find((r) => r[0] === 'web').slice(2).every((c) => c === '—'), 'web has no ad spend, so no ROAS');

    // Markov splits a channel's credit over its campaigns by linear conversions (one each here); last click follows revenue.
    await page.selectOption('[data-testid=budget-model]', 'last-click');
    await page.waitForSelector('[data-testid=budget] h2:has-text("last-click")');
    const plan = (await call(service, `/v1/budget/recommendations${range}&model=last-click`)).body;
    const lines = await cellTexts(page.locator('[data-testid=budget-table] tbody tr'));
    assert.deepEqual(lines.map((r) => [r[0], r[5], r[7]]),
      plan.campaigns.map((c) => [c.campaignId, money(c.recommendedDailyBudgetMicros), c.reason]));
    await page.click('[data-testid=apply-budgets]');
    await page.click('[data-testid=confirm] button[value=ok]');
    await page.waitForSelector('[data-testid=outcome]');
    const outcomes = await cellTexts(page.locator('[data-testid=budget-table] tbody tr'));
    assert.deepEqual(outcomes.map((r) => [r[0], r[8]]), [['c-attr-a', 'applied'], ['c-attr-b', 'applied']]);
    const recommended = plan.campaigns.find((c) => c.campaignId === 'c-attr-b').recommendedDailyBudgetMicros;
    assert.ok(recommended < 100_000_000, 'the campaign with the lower ROAS gives budget');
    await waitFor(() => call(service, '/v1/campaigns/c-attr-b'), (r) => r.body.dailyBudgetMicros === recommended);
  });

  it('the audiences page starts a clustering run, follows it and shows its segments as the API does', async (t) => {
    await page.goto(`${service.url}/#/audiences`);
    await page.waitForSelector('[data-testid=empty-state]');
    if (!features.audiences) {
      t.diagnostic('clustering API absent on this build: asserted the explanatory empty state');
      return;
    }
    const events = Array.from({ length: 12 }, (_, i) => [
      event(`a${i}-touch`, 'pageview', 4, i % 2 ? 'email' : 'web', `aud-${i}`),
      event(`a${i}-buy`, 'purchase', 3, 'web', `aud-${i}`, { valueMicros: (i % 2 ? 50 : 1) * 1_000_000 })]).flat();
    const converted = async () => Number((await call(service, '/v1/attribution/compare')).body.models[0].conversions);
    const before = await converted();
    assert.equal((await call(service, '/v1/events/batch', { key: CLIENT_KEY, method: 'POST', body: { events } })).status, 202);
    await waitFor(converted, (n) => n === before + 12);

    await page.fill('[data-testid=cluster-k]', '2');
    await page.click('[data-testid=cluster-start]');
    await page.waitForSelector('[data-testid=cluster-run][data-state=completed]', { timeout: 30_000 });
    const runId = new URL(page.url()).hash.split('run=')[1];
    const run = (await call(service, `/v1/segments/clusters/${runId}`)).body;
    assert.equal(run.segments.length, 2);
    assert.match(await page.textContent('[data-testid=cluster-progress]'), new RegExp(`${run.users} users`));
    const rows = await cellTexts(page.locator('[data-testid=segments-table] tbody tr'));
    assert.deepEqual(rows.map((r) => r.slice(0, 3)), run.segments.map((s) => [s.label, s.segmentId, String(s.size)]));
    const header = await page.locator('[data-testid=segments-table] thead th').allTextContents();
    const value = header.indexOf('Value');
    assert.deepEqual(rows.map((r) => r[value]), run.segments.map((s) => `$${s.centroid.monetary.toFixed(2)}`));

    await page.goto(`${service.url}/#/overview`);
    await page.goto(`${service.url}/#/audiences`);
    await page.waitForSelector(`[data-testid=cluster-run][data-state=completed]`);
    assert.equal(await page.textContent('[data-testid=cluster-run-id]'), runId, 'the last run is remembered');
  });
});
