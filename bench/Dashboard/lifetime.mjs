// How the dashboard benchmark ends, as the C# benchmarks do (bench/Shared/BenchmarkProcess.cs,
// docs/benchmarks-running.md): SIGINT, SIGTERM and the time limit (BENCH_TIMEOUT_SECONDS, default 3600, 0 for none)
// stop what the benchmark started (browser, service and its data directory) and exit 130, 143 or 124; a second
// signal, or clean-ups still running 20 s later, exit at once (sending SIGTERM to the child processes, which would
// outlive node). An error is a failure: "BENCHMARK FAILED" on stderr, exit 1.
import { readdirSync, readFileSync } from 'node:fs';

const CLEANUP_GRACE_MS = 20_000;
const cleanups = [];
const starting = new Set();
let stopping = false;

/**
 * Awaits `start` (a promise of something that must be stopped) and registers `stop` for it; clean-ups run last
 * started first. Stopped while it starts, the benchmark waits for it, so the service is not left running.
 */
export async function stoppable(start, stop) {
  if (stopping) throw new Error('stopping');
  const pending = start.then((thing) => {
    cleanups.push(() => stop(thing));
    return thing;
  });
  starting.add(pending);
  try {
    return await pending;
  } finally {
    starting.delete(pending);
  }
}

async function cleanUp() {
  await Promise.allSettled([...starting]);
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (e) {
      console.error(`# (cleanup: ${e.message})`);
    }
  }
}

function exitNow(code) {
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(process.pid)) process.kill(Number(pid), 'SIGTERM');
    } catch {
      // gone meanwhile
    }
  }
  process.exit(code);
}

function stop(code, message) {
  if (stopping) exitNow(code);
  stopping = true;
  process.exitCode = code; // also if the event loop empties before the clean-ups call exit
  console.error(message);
  setTimeout(() => exitNow(code), CLEANUP_GRACE_MS).unref();
  cleanUp().finally(() => process.exit(code));
}

/** Runs the benchmark body under the time limit and signal handling above. */
export async function run(body) {
  const text = process.env.BENCH_TIMEOUT_SECONDS ?? '3600';
  if (!/^\d+$/.test(text)) {
    console.error(`BENCH_TIMEOUT_SECONDS must be a whole number of seconds (0: no limit), not '${text}'`);
    process.exit(2);
  }
  const limit = Number(text);
  process.on('SIGINT', () => stop(130, '# SIGINT: stopping'));
  process.on('SIGTERM', () => stop(143, '# SIGTERM: stopping'));
  // A promise that failed unawaited (the live-changes loop, a page handler) would end node without the clean-ups.
  process.on('unhandledRejection', (e) => stopping || stop(1, `BENCHMARK FAILED: ${e?.stack ?? e}`));
  if (limit > 0) {
    setTimeout(() => stopping || stop(124, `BENCHMARK FAILED: time limit of ${limit} s exceeded (BENCH_TIMEOUT_SECONDS); stopping`), limit * 1000).unref();
  }
  try {
    await body();
  } catch (e) {
    if (stopping) return; // the browser or service went away under it: stop() reports and exits
    console.error(`BENCHMARK FAILED: ${e.stack ?? e}`);
    process.exitCode = 1;
  }
  if (!stopping) await cleanUp();
}
