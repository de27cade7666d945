// Regenerates docs/screenshots/*.png: sign-in and cluster from the real service; overview and
// campaigns with the stand-in (lib/fixture.js), whose answers are crafted so every tile has a value.
// Run: `node tests/Dashboard/screenshots.mjs` after tests/Dashboard/run.sh.
import { launch, openPage, signIn } from './lib/browser.js';
import { campaign, installFixture, kpi } from './lib/fixture.js';
import { ADMIN_KEY, sendEvents, startService } from './lib/service.js';

const out = new URL('../../docs/screenshots/', import.meta.url).pathname;
const service = await startService();
const browser = await launch();
try {
  await sendEvents(service, 40);
  const real = await openPage(browser);
  await real.page.goto(service.url);
  await real.page.screenshot({ path: `${out}sign-in.png` });
  await signIn(real.page, service.url, ADMIN_KEY);
  for (let i = 0; i < 6; i++) {
    await sendEvents(service, 20 * (i + 1), { campaignId: `c-${i}` });
    await new Promise((r) => setTimeout(r, 1000));
  }
  await real.page.goto(`${service.url}/#/cluster`);
  await real.page.waitForSelector('[data-testid=partition-table]');
  await real.page.waitForTimeout(1500);
  await real.page.screenshot({ path: `${out}cluster.png`, fullPage: true });
  // the explanatory empty state exists only on a build without the KPI API; otherwise the earlier shot is kept
  const features = await (await fetch(`${service.url}/dashboard/features`)).json();
  if (!features.kpi) {
    await real.page.goto(`${service.url}/#/overview`);
    await real.page.waitForSelector('[data-testid=empty-state]');
    await real.page.screenshot({ path: `${out}overview-kpi-api-absent.png` });
  }

  const state = {
    summary: kpi(1_284_310, 19_870, 1_215, 3_402_118_000, 11_905_400_000, {
      adRevenueMicros: 9_812_000_000, newCustomers: 402, purchases: 530, sessions: 18_240, bounces: 7_020, pageviews: 61_300,
      emailsSent: 6_400, emailOpens: 1_610, emailClicks: 212, posts: 2_100, likes: 640, shares: 95, comments: 130 }),
    previous: kpi(1_190_002, 18_114, 1_302, 3_118_900_000, 10_220_000_000),
    campaigns: [campaign('c-1', 'Winter sale'), campaign('c-2', 'Spring launch', 'paused', 45_000_000),
      campaign('c-3', 'Retargeting — shoes', 'active', 49_100_000), campaign('c-4', 'Brand video', 'stopped', 8_000_000)],
  };
  const fake = await openPage(browser);
  await installFixture(fake.context, state);
  await signIn(fake.page, service.url, ADMIN_KEY);
  await fake.page.click('[data-range="24h"]');
  await fake.page.waitForSelector('[data-testid=channel-table]');
  await fake.page.waitForTimeout(1500);
  await fake.page.screenshot({ path: `${out}overview.png`, fullPage: true });
  await fake.page.goto(`${service.url}/#/campaigns`);
  await fake.page.waitForSelector('[data-testid=campaign-table]');
  await fake.page.screenshot({ path: `${out}campaigns.png`, fullPage: true });
  await fake.page.click('a[href="#/campaigns/c-1"]');
  await fake.page.waitForSelector('main[data-view=campaign] .chart canvas');
  await fake.page.waitForTimeout(500);
  await fake.page.screenshot({ path: `${out}campaign.png`, fullPage: true });
  await fake.page.setViewportSize({ width: 390, height: 844 });
  await fake.page.goto(`${service.url}/#/overview`);
  await fake.page.waitForSelector('[data-testid=channel-table]');
  await fake.page.waitForTimeout(1000);
  await fake.page.screenshot({ path: `${out}phone-overview.png`, fullPage: true });
} finally {
  await browser.close();
  await service.stop();
}
