// Regenerates docs/screenshots/{overview,campaigns,campaign,cluster,attribution,audiences,alerts,phone-overview}.png
// from the real embedded service with the built-in simulator running (real KPI, campaign, attribution, clustering,
// alert and cluster APIs). The alerts shown are real: a rule the simulated web traffic breaches at once, and a lag
// rule fired by a stalled partition (POST /v1/cluster/stalls), acknowledged.
// Run after tests/Dashboard/run.sh has built the service: `node tests/Dashboard/live-screenshots.mjs`.
import { launch, openPage, signIn } from './lib/browser.js';
import { ADMIN_KEY, call, startService, waitFor } from './lib/service.js';

const out = new URL('../../docs/screenshots/', import.meta.url).pathname;
const service = await startService({ Simulator__EventsPerSecond: '300', Simulator__Seed: '7', Alerts__HealthInterval: '00:00:02' });
const browser = await launch();
try {
  await new Promise((r) => setTimeout(r, 45_000));
  const desk = await openPage(browser);
  await signIn(desk.page, service.url, ADMIN_KEY);
  await call(service, '/v1/alerts/rules', { method: 'POST', body: { id: 'web-traffic', name: 'Web pageviews above 100 a minute', metric: 'pageviews', scope: { channel: 'web' }, comparison: 'above', value: 100, window: 'PT1M' } });
  await call(service, '/v1/alerts/rules', { method: 'POST', body: { id: 'lag', name: 'Consumers lagging', metric: 'lag', scope: {}, comparison: 'above', value: 400, window: 'PT1M' } });
  await call(service, '/v1/cluster/stalls', { method: 'POST', body: { key: 'channel:web', length: '00:00:20' } });
  const lag = await waitFor(() => call(service, '/v1/alerts?state=firing'), (r) => r.body.alerts.some((a) => a.ruleId === 'lag'), 60_000);
  await call(service, `/v1/alerts/${lag.body.alerts.find((a) => a.ruleId === 'lag').id}/ack`, { method: 'POST' });
  // Alerts first, while the lag alert is still open (acknowledged); the cluster history then shows the stall's lag.
  const shots = [['alerts', '#/alerts'], ['overview', '#/overview'], ['campaigns', '#/campaigns'], ['cluster', '#/cluster'], ['attribution', '#/attribution']];
  for (const [name, hash] of shots) {
    await desk.page.goto(`${service.url}/${hash}`);
    await desk.page.waitForTimeout(4000);
    await desk.page.screenshot({ path: `${out}${name}.png`, fullPage: true });
  }
  await desk.page.goto(`${service.url}/#/audiences`);
  await desk.page.click('[data-testid=cluster-start]');
  await desk.page.waitForSelector('[data-testid=cluster-run][data-state=completed]', { timeout: 120_000 });
  await desk.page.screenshot({ path: `${out}audiences.png`, fullPage: true });
  await desk.page.goto(`${service.url}/#/campaigns`);
  await desk.page.waitForSelector('table a[href*="#/campaigns/"]');
  const first = await desk.page.$('table a[href*="#/campaigns/"]');
  if (first) {
    await first.click();
    await desk.page.waitForTimeout(4000);
    await desk.page.screenshot({ path: `${out}campaign.png`, fullPage: true });
  }
  const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(phone.page, service.url, ADMIN_KEY);
  await phone.page.goto(`${service.url}/#/overview`);
  await phone.page.waitForTimeout(4000);
  await phone.page.screenshot({ path: `${out}phone-overview.png`, fullPage: true });
  console.log(`console errors: ${JSON.stringify([...desk.errors ?? [], ...phone.errors ?? []])}`);
} finally {
  await browser.close();
  await service.stop();
}
