// Server CPU of one open Overview, measured per unit of work instead of as the difference of two noisy minutes:
// records the requests a 24 h Overview makes (load, then 70 s open across a minute boundary), replays the periodic
// ones back to back and reads the service's CPU per replay, and measures the live stream per connected client.
// `node bench/Dashboard/overview-cost.mjs` after tests/Dashboard/run.sh has built the service. REPLAYS (40),
// CLIENTS (10), STREAM_SECONDS (30), SILO_DLL as in measure.mjs.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { launch, openPage } from '../../tests/Dashboard/lib/browser.js';
import { ADMIN_KEY, call, startService } from '../../tests/Dashboard/lib/service.js';
import { liveChanges, seedDay, waitForDay } from './seed.mjs';
import { run as runBenchmark, stoppable } from './lifetime.mjs';

const REPLAYS = Number(process.env.REPLAYS ?? 40);
const CLIENTS = Number(process.env.CLIENTS ?? 10);
const STREAM_SECONDS = Number(process.env.STREAM_SECONDS ?? 30);
const VIEW = { name: 'Benchmark', tiles: ['conversions', 'revenueMicros', 'spendMicros', 'roas', 'clvMicros', 'sessions'], charts: ['conversions', 'revenueMicros'] };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The requests of a 24 h Overview: those of its first 5 s (the load) and those after (the periodic refresh). */
async function record(browser, service) {
  const { context, page } = await openPage(browser);
  await context.addInitScript(([key]) => {
    sessionStorage.setItem('adorleans.adminKey', key);
    sessionStorage.setItem('adorleans.range', JSON.stringify({ key: '24h' }));
  }, [ADMIN_KEY]);
  const seen = [];
  const started = Date.now();
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/v1/') && !url.pathname.startsWith('/v1/kpi/stream')) seen.push({ at: Date.now() - started, method: r.method(), path: url.pathname + url.search });
  });
  await page.goto(`${service.url}/#/overview?view=bench`);
  await page.waitForTimeout(70_000);
  await context.close();
  return { load: seen.filter((r) => r.at < 5000), periodic: seen.filter((r) => r.at >= 5000) };
}

/**
 * CPU seconds of the service per replay of `requests` (in parallel, as the page sends them), over REPLAYS replays back to
 * back: /proc counts CPU in 10 ms ticks, a single replay is below that.
 */
async function cpuPerReplay(service, requests) {
  const before = cpuSeconds(service.pid);
  for (let i = 0; i < REPLAYS; i++) {
    await Promise.all(requests.map((r) => fetch(`${service.url}${r.path}`, { headers: { 'X-Api-Key': ADMIN_KEY } }).then((x) => x.arrayBuffer())));
  }
  return (cpuSeconds(service.pid) - before) / REPLAYS;
}

/** Service CPU per second with `clients` KPI streams open (granularity of the 24 h Overview) and a change committed every second. */
async function streamCpu(service, clients) {
  const controller = new AbortController();
  const readers = Array.from({ length: clients }, async () => {
    try {
      const response = await fetch(`${service.url}/v1/kpi/stream?granularity=hour`, { headers: { 'X-Api-Key': ADMIN_KEY }, signal: controller.signal });
      for await (const chunk of response.body) void chunk;
    } catch {
      // aborted at the end of the measurement
    }
  });
  await new Promise((r) => setTimeout(r, 3000));
  const before = cpuSeconds(service.pid);
  await new Promise((r) => setTimeout(r, STREAM_SECONDS * 1000));
  const used = (cpuSeconds(service.pid) - before) / STREAM_SECONDS;
  controller.abort();
  await Promise.allSettled(readers);
  return used;
}

await runBenchmark(async () => {
  console.log(`machine: ${cpus().length} cores (${cpus()[0].model}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const service = await stoppable(startService({ ClusterHistory__SampleInterval: '00:00:05' }), (s) => s.stop());
  const browser = await stoppable(launch(), (b) => b.close());
  if ((await call(service, '/v1/dashboard/views/bench', { method: 'PUT', body: VIEW })).status >= 300) throw new Error('could not save the benchmark view');
  console.log(`seeded ${await seedDay(service)} events; ${(await waitForDay(service)).join(' + ')} minute points`);
  const live = liveChanges(service);
  try {
    const { load, periodic } = await record(browser, service);
    console.log(`load: ${load.length} requests; the next 65 s: ${periodic.length}`);
    for (const r of [...load, ...periodic]) console.log(`  ${String(r.at).padStart(6)} ms ${r.method} ${r.path.replace(/from=[^&]+&to=[^&]+/, 'from=…&to=…')}`);
    const refresh = await cpuPerReplay(service, periodic);
    console.log(`periodic requests: ${(refresh * 1000).toFixed(1)} ms CPU per replay (mean of ${REPLAYS}), `
      + `${((refresh / 65) * 100).toFixed(3)} % of a core at their cadence (once in 65 s)`);
    const loading = await cpuPerReplay(service, load);
    console.log(`load requests: ${(loading * 1000).toFixed(1)} ms CPU per page load`);
    const byPath = new Map();
    for (const r of periodic) byPath.set(r.path.split('?')[0], [...(byPath.get(r.path.split('?')[0]) ?? []), r]);
    for (const [path, requests] of byPath) console.log(`  ${path}: ${((await cpuPerReplay(service, requests)) * 1000).toFixed(1)} ms per replay (${requests.length} requests)`);
    const none = [];
    const some = [];
    for (let i = 0; i < 3; i++) {
      none.push(await streamCpu(service, 0));
      some.push(await streamCpu(service, CLIENTS));
    }
    const perClient = (median(some) - median(none)) / CLIENTS;
    console.log(`stream: ${(median(none) * 100).toFixed(2)} % of a core with no client, ${(median(some) * 100).toFixed(2)} % with ${CLIENTS} `
      + `(runs ${none.map((n) => (n * 100).toFixed(2)).join(', ')} / ${some.map((n) => (n * 100).toFixed(2)).join(', ')}): ${(perClient * 100).toFixed(3)} % per client`);
  } finally {
    await live.stop();
  }
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
});
