// Dashboard measurements (docs/benchmarks-dashboard.md) against the real embedded service with
// 24 h of minute data for 6 channels behind the KPI API and a committed change every second:
// time to interactive, frame timing of the live Overview, server CPU of an open Overview.
// Run: tests/Dashboard/run.sh once (builds, installs), then `node bench/Dashboard/measure.mjs`.
// RUNS (3), CPU_SECONDS (60; 0 skips the CPU part), FRAME_SECONDS (10; 0 skips the frame part, which waits for
// second 40 and 55 of a minute); TRACE=1 also traces the renderer
// main thread (busy time, longest task) and prints where the long tasks' time went; THROTTLE=n slows
// the page's CPU n times (Chromium's CPU throttling), a reproducible stand-in for a slower or busier machine.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { launch, openPage } from '../../tests/Dashboard/lib/browser.js';
import { ADMIN_KEY, call, startService } from '../../tests/Dashboard/lib/service.js';
import { liveChanges, seedDay, waitForDay } from './seed.mjs';
import { longTasks } from './trace.mjs';
import { run as runBenchmark, stoppable } from './lifetime.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const CPU_SECONDS = Number(process.env.CPU_SECONDS ?? 60);
const FRAME_SECONDS = Number(process.env.FRAME_SECONDS ?? 10);
const THROTTLE = Number(process.env.THROTTLE ?? 1);
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (xs) => `median ${median(xs).toFixed(0)} ms (${xs.map((t) => t.toFixed(0)).join(', ')})`;

// The Overview is opened on a saved view charting what the seeded events change (conversions, revenue), so every
// pushed change redraws both charts; its tiles include the summary-fed ROAS and CLV.
const VIEW = { name: 'Benchmark', tiles: ['conversions', 'revenueMicros', 'spendMicros', 'roas', 'clvMicros', 'sessions'], charts: ['conversions', 'revenueMicros'] };
const OVERVIEW = 'overview?view=bench';

async function overview(browser, service, range) {
  const opened = await openPage(browser);
  await opened.context.addInitScript(([key, r]) => {
    sessionStorage.setItem('adorleans.adminKey', key);
    sessionStorage.setItem('adorleans.range', JSON.stringify({ key: r }));
  }, [ADMIN_KEY, range]);
  return opened;
}

const filled = () => Number(document.querySelector('.tile[data-kpi=conversions]')?.dataset.raw) > 0
  && document.querySelector('[data-testid=channel-table] tbody tr') != null;

async function timeToInteractive(browser, service, range) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page, errors } = await overview(browser, service, range);
    await page.goto(`${service.url}/#/${OVERVIEW}`);
    await page.waitForFunction(filled, null, { timeout: 30000 });
    times.push(await page.evaluate(() => performance.now()));
    if (errors.length) throw new Error(errors.join('\n'));
    await context.close();
  }
  return times;
}

/** Frame statistics of rAF timestamps; `near` are frame indices a gap ending within 2 frames of counts as "at" them. */
function frameStats(stamps, near = []) {
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
  const typical = median(gaps);
  const sorted = [...gaps].sort((a, b) => a - b);
  const long = gaps.map((g, i) => (g > 1.5 * typical ? i + 1 : -1)).filter((i) => i >= 0);
  return {
    frames: gaps.length, medianMs: +typical.toFixed(1), p99Ms: +sorted[Math.floor(gaps.length * 0.99)].toFixed(1), maxMs: +sorted.at(-1).toFixed(1),
    dropped: long.length, droppedAtUpdates: long.filter((i) => near.some((j) => j >= i - 2 && j <= i + 1)).length,
  };
}

/** Hovers across the chart for FRAME_SECONDS (cursor and legend redraw every frame), recording every frame and when the Conversions tile changed. */
async function hover(browser, page, box, trace) {
  if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.evaluate(() => {
    const frames = [];
    const updates = [];
    let shown = null;
    window.__recording = { frames, updates, on: true };
    const tick = (t) => {
      if (!window.__recording.on) return;
      const raw = document.querySelector('.tile[data-kpi=conversions]')?.dataset.raw;
      if (shown !== null && raw !== shown) updates.push(frames.length);
      shown = raw;
      frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  let x = 0;
  while (Date.now() - started < FRAME_SECONDS * 1000) {
    await page.mouse.move(box.x + (x % box.width), box.y + box.height / 2);
    x += 7;
    await page.waitForTimeout(16);
  }
  const recorded = await page.evaluate(() => {
    window.__recording.on = false;
    return { stamps: window.__recording.frames, updates: window.__recording.updates };
  });
  return { ...recorded, traced: trace ? longTasks(JSON.parse(await browser.stopTracing())) : null };
}

const untilSecond = (page, second) => page.waitForTimeout((second * 1000 - (Date.now() % 60_000) + 60_000) % 60_000);

/**
 * The 24 h Overview, hovered twice: a control window with nothing committed (what this machine drops
 * anyway), then a live window with a conversion committed every second that spans a minute boundary
 * (the window slides and refetches its newest buckets). `updates` counts Conversions tile changes.
 */
async function frames(browser, service, trace) {
  const { context, page, errors } = await overview(browser, service, '24h');
  await page.goto(`${service.url}/#/${OVERVIEW}`);
  await page.waitForFunction(filled, null, { timeout: 30000 });
  await page.waitForSelector('#live[data-state=live]');
  const box = await page.locator('.chart canvas').first().boundingBox();
  if (THROTTLE > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  await untilSecond(page, 40);
  const quiet = await hover(browser, page, box, trace);
  const control = frameStats(quiet.stamps);
  await untilSecond(page, 55);
  let kpiFetches = 0;
  page.on('request', (r) => /\/v1\/kpi\/(summary|channels)/.test(r.url()) && kpiFetches++);
  const live = liveChanges(service);
  const { stamps, updates, traced } = await hover(browser, page, box, trace);
  await live.stop();
  await context.close();
  if (errors.length) throw new Error(errors.join('\n'));
  const mainThread = trace && {
    controlBusyMs: Math.round(quiet.traced.busyMs), liveBusyMs: Math.round(traced.busyMs),
    controlLongestTaskMs: +quiet.traced.longestMs.toFixed(1), liveLongestTaskMs: +traced.longestMs.toFixed(1),
  };
  return { control, live: { ...frameStats(stamps, updates), kpiFetches, updates: updates.length }, mainThread, traced: traced?.text };
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 Hz)
}

async function cpuOver(pid, seconds) {
  const start = cpuTicks(pid);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return (cpuTicks(pid) - start) / seconds; // ticks are 1/100 s, so ticks per second = % of one core
}

/** Server CPU with a change committed every second: dashboard closed, then the given view open. */
async function serverCpu(browser, service, view, range) {
  const live = liveChanges(service);
  try {
    const closed = await cpuOver(service.pid, CPU_SECONDS);
    const { context, page } = await overview(browser, service, range);
    await page.goto(`${service.url}/#/${view === 'overview' ? OVERVIEW : view}`);
    await page.waitForSelector(`main[data-view=${view}] h1`);
    if (view === 'overview') await page.waitForFunction(filled, null, { timeout: 30000 });
    await page.waitForTimeout(2000);
    const open = await cpuOver(service.pid, CPU_SECONDS);
    await context.close();
    return { closed, open };
  } finally {
    await live.stop();
  }
}

await runBenchmark(async () => {
  if (THROTTLE > 1) console.log(`page CPU throttled ${THROTTLE}×`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0].model}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const service = await stoppable(startService({ ClusterHistory__SampleInterval: '00:00:05' }), (s) => s.stop());
  const browser = await stoppable(launch(), (b) => b.close());
  const started = Date.now();
  if ((await call(service, '/v1/dashboard/views/bench', { method: 'PUT', body: VIEW })).status >= 300) throw new Error('could not save the benchmark view');
  const events = await seedDay(service);
  const points = await waitForDay(service);
  console.log(`seeded ${events} events; ${points.join(' + ')} minute points in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  console.log(`time to interactive, 1 h: ${ms(await timeToInteractive(browser, service, '1h'))}`);
  console.log(`time to interactive, 24 h (hour buckets, 24 × 6 points): ${ms(await timeToInteractive(browser, service, '24h'))}`);

  if (FRAME_SECONDS > 0) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await frames(browser, service, process.env.TRACE === '1');
      runs.push(run);
      console.log(`frames run ${i + 1}: live ${JSON.stringify(run.live)}; control (nothing committed) ${JSON.stringify(run.control)}`);
      if (run.mainThread) console.log(`main thread run ${i + 1}: ${JSON.stringify(run.mainThread)}\n${run.traced}`);
    }
    const of = (part, k) => median(runs.map((r) => r[part][k]));
    console.log(`frames, median of ${RUNS} runs, live: ${of('live', 'frames')} frames in ${FRAME_SECONDS} s, median ${of('live', 'medianMs')} ms, p99 ${of('live', 'p99Ms')} ms, `
      + `max ${of('live', 'maxMs')} ms, dropped (> 1.5 × median) ${of('live', 'dropped')} (${of('live', 'droppedAtUpdates')} within 2 frames of a live update), `
      + `${of('live', 'kpiFetches')} KPI fetches (summary, channels), ${of('live', 'updates')} updates of the Conversions tile`);
    console.log(`frames, median of ${RUNS} runs, control: ${of('control', 'frames')} frames, p99 ${of('control', 'p99Ms')} ms, max ${of('control', 'maxMs')} ms, dropped ${of('control', 'dropped')}`);
    if (runs[0].mainThread) {
      console.log(`main thread, median of ${RUNS} runs: longest task ${of('mainThread', 'liveLongestTaskMs')} ms live, ${of('mainThread', 'controlLongestTaskMs')} ms control; `
        + `busy ${of('mainThread', 'liveBusyMs')} ms live, ${of('mainThread', 'controlBusyMs')} ms control (of ${FRAME_SECONDS * 1000} ms)`);
    }
  }

  if (CPU_SECONDS > 0) {
    const cpu = [];
    for (let i = 0; i < RUNS; i++) {
      cpu.push(await serverCpu(browser, service, 'overview', '24h'));
      console.log(`server CPU run ${i + 1} (% of a core over ${CPU_SECONDS} s, a change a second): closed ${cpu[i].closed.toFixed(2)}, overview 24 h open ${cpu[i].open.toFixed(2)}`);
    }
    const closed = median(cpu.map((c) => c.closed));
    const open = median(cpu.map((c) => c.open));
    const extra = median(cpu.map((c) => c.open - c.closed));
    console.log(`server CPU, median of ${RUNS}: closed ${closed.toFixed(2)} %, overview open ${open.toFixed(2)} % (+${extra.toFixed(2)} points for the open page)`);
    const cluster = await serverCpu(browser, service, 'cluster', '1h');
    console.log(`server CPU, cluster open: ${cluster.open.toFixed(2)} % (closed ${cluster.closed.toFixed(2)} %)`);
  }
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
});
