// Regenerates docs/screenshots/{overview,campaigns,campaign,cluster,phone-overview}.png from the real
// embedded service with the built-in simulator running (real KPI, campaign and cluster APIs).
// Run after tests/Dashboard/run.sh has built the service: `node tests/Dashboard/live-screenshots.mjs`.
import { launch, openPage, signIn } from './lib/browser.js';
import { ADMIN_KEY, startService } from './lib/service.js';

const out = new URL('../../docs/screenshots/', import.meta.url).pathname;
const service = await startService({ Simulator__EventsPerSecond: '300', Simulator__Seed: '7' });
const browser = await launch();
try {
  await new Promise((r) => setTimeout(r, 45_000));
  const desk = await openPage(browser);
  await signIn(desk.page, service.url, ADMIN_KEY);
  const shots = [['overview', '#/overview'], ['campaigns', '#/campaigns'], ['cluster', '#/cluster']];
  for (const [name, hash] of shots) {
    await desk.page.goto(`${service.url}/${hash}`);
    await desk.page.waitForTimeout(4000);
    await desk.page.screenshot({ path: `${out}${name}.png`, fullPage: true });
  }
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
