// Reads a Chromium performance trace (browser.startTracing) of the frame window: where the renderer
// main thread's time went, and what the longest tasks were made of, to find what drops frames.
const LONG_MS = 12;

function build(events) {
  const sorted = events.filter((e) => e.ph === 'X' && e.dur != null).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const roots = [];
  const stack = [];
  for (const e of sorted) {
    e.children = [];
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    (stack.length ? stack.at(-1).children : roots).push(e);
    stack.push(e);
  }
  return roots;
}

function label(e) {
  const d = e.args?.data ?? e.args?.beginData ?? {};
  if (d.functionName || d.url) return `${e.name} ${d.functionName || '(anonymous)'} ${String(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}`;
  if (d.type) return `${e.name} ${d.type}`;
  return e.name;
}

/**
 * The busiest renderer main thread: { busyMs, longestMs, text } where text gives its time by top-level
 * child kind and breaks the longest tasks down.
 */
export function longTasks(trace) {
  const events = trace.traceEvents ?? trace;
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best = null;
  for (const m of mains) {
    const own = events.filter((e) => e.pid === m.pid && e.tid === m.tid);
    const busy = own.filter((e) => e.ph === 'X' && e.name === 'RunTask').reduce((n, e) => n + e.dur, 0);
    if (!best || busy > best.busy) best = { own, busy };
  }
  if (!best) return { busyMs: NaN, longestMs: NaN, text: 'trace: no renderer main thread found' };
  const tasks = build(best.own).filter((e) => e.name === 'RunTask');
  const byKind = new Map();
  for (const t of tasks) for (const c of t.children) byKind.set(c.name, (byKind.get(c.name) ?? 0) + c.dur / 1000);
  const lines = [`trace: main thread busy ${(best.busy / 1000).toFixed(0)} ms in ${tasks.length} tasks; by kind: ${[...byKind].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`];
  const long = tasks.filter((t) => t.dur / 1000 >= LONG_MS).sort((a, b) => b.dur - a.dur);
  lines.push(`trace: ${long.length} tasks >= ${LONG_MS} ms`);
  for (const t of long.slice(0, 6)) {
    const parts = [];
    const walk = (e, depth) => {
      if (e.dur / 1000 < 0.5 || depth > 3) return;
      parts.push(`${'  '.repeat(depth)}${label(e)} ${(e.dur / 1000).toFixed(1)}`);
      for (const c of e.children) walk(c, depth + 1);
    };
    walk(t, 1);
    lines.push(`  task ${(t.dur / 1000).toFixed(1)} ms:\n${parts.join('\n')}`);
  }
  return { busyMs: best.busy / 1000, longestMs: Math.max(0, ...tasks.map((t) => t.dur / 1000)), text: lines.join('\n') };
}
