// Dashboard measurements (docs/benchmarks-dashboard.md): time to interactive on loopback, server
// CPU of an open dashboard, frame timing with 24 h of minute data for 5 channels.
// Run: tests/Dashboard/run.sh once (builds, installs), then `node bench/Dashboard/measure.mjs`.
import { readFileSync } from 'node:fs';
import { launch, openPage } from '../../tests/Dashboard/lib/browser.js';
import { campaign, installFixture, kpi } from '../../tests/Dashboard/lib/fixture.js';
import { ADMIN_KEY, sendEvents, startService } from '../../tests/Dashboard/lib/service.js';

const RUNS = Number(process.env.RUNS ?? 5);
const CPU_SECONDS = Number(process.env.CPU_SECONDS ?? 60);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const state = () => ({ summary: kpi(120_000, 1_800, 90, 300_000_000, 960_000_000), previous: kpi(100_000, 2_000, 70, 250_000_000, 700_000_000), campaigns: [campaign('c-1', 'Winter sale')] });

async function pageWithKey(browser, service, fixture, range = '1h') {
  const opened = await openPage(browser);
  await opened.context.addInitScript(([key, r]) => {
    sessionStorage.setItem('adorleans.adminKey', key);
    sessionStorage.setItem('adorleans.range', JSON.stringify({ key: r }));
  }, [ADMIN_KEY, range]);
  if (fixture) await installFixture(opened.context, state());
  return opened;
}

async function timeToInteractive(browser, service, fixture) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await pageWithKey(browser, service, fixture);
    await page.goto(`${service.url}/#/overview`);
    await page.waitForSelector(fixture ? '.tile[data-kpi=impressions][data-raw="120000"]' : '[data-testid=empty-state]');
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return times;
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 Hz)
}

async function cpuOver(pid, seconds) {
  const start = cpuTicks(pid);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return (cpuTicks(pid) - start) / 100;
}

async function frames(browser, service) {
  const { context, page } = await pageWithKey(browser, service, true, '24h');
  await page.goto(`${service.url}/#/overview`);
  await page.waitForSelector('.chart canvas');
  await page.waitForTimeout(1000);
  const points = await page.evaluate(() => document.querySelector('.chart .uplot') && window.uPlot ? 1440 : 0);
  const box = await page.locator('.chart canvas').first().boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => { window.__frames.push(t); if (window.__frames.length < 100000) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  // 10 s of hovering across the chart (the legend and cursor redraw every frame) while the
  // stand-in stream pushes a change every second, each redrawing 5 × 1440 points.
  const started = Date.now();
  let x = 0;
  while (Date.now() - started < 10000) {
    await page.mouse.move(box.x + (x % box.width), box.y + box.height / 2);
    x += 7;
    await page.waitForTimeout(16);
  }
  const stamps = await page.evaluate(() => window.__frames);
  await context.close();
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
  const typical = median(gaps);
  return { points, frames: gaps.length, medianMs: typical, p99Ms: [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length * 0.99)],
    dropped: gaps.reduce((n, g) => n + Math.max(0, Math.round(g / typical) - 1), 0) };
}

const service = await startService({ ClusterHistory__SampleInterval: '00:00:05' });
const browser = await launch();
try {
  await sendEvents(service, 50);
  const ttiEmpty = await timeToInteractive(browser, service, false);
  const ttiData = await timeToInteractive(browser, service, true);
  console.log(`time to interactive, KPI API absent (empty state): median ${median(ttiEmpty).toFixed(0)} ms of ${ttiEmpty.map((t) => t.toFixed(0)).join(', ')}`);
  console.log(`time to interactive, 1 h of KPIs (stand-in API): median ${median(ttiData).toFixed(0)} ms of ${ttiData.map((t) => t.toFixed(0)).join(', ')}`);
  console.log('frames, 24 h × 5 channels of minute data, live updates + hover:', JSON.stringify(await frames(browser, service)));

  const closed = await cpuOver(service.pid, CPU_SECONDS);
  console.log(`server CPU, dashboard closed: ${closed.toFixed(2)} s over ${CPU_SECONDS} s (${(100 * closed / CPU_SECONDS).toFixed(2)} % of a core)`);
  for (const view of ['overview', 'cluster']) {
    const { context, page } = await pageWithKey(browser, service, false);
    await page.goto(`${service.url}/#/${view}`);
    await page.waitForSelector(`main[data-view=${view}] h1`);
    const open = await cpuOver(service.pid, CPU_SECONDS);
    console.log(`server CPU, ${view} open: ${open.toFixed(2)} s over ${CPU_SECONDS} s (${(100 * open / CPU_SECONDS).toFixed(2)} % of a core; +${(100 * (open - closed) / CPU_SECONDS).toFixed(2)} points)`);
    await context.close();
  }
} finally {
  await browser.close();
  await service.stop();
}
