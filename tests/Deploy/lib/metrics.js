// Which Prometheus series exist, for checking the Grafana dashboard's queries:
// - the product's own: every instrument created on the "AdOrleans" meter in src/ (C#), named as prometheus-net's
//   MeterAdapter names them ("partition.lag" -> adorleans_partition_lag);
// - everything else (Orleans, ASP.NET Core, .NET): exported-metrics.txt, which tests/Service.Tests checks against
//   the /metrics of a running service.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './render.js';

const INSTRUMENT = /\.Create(?:Counter|Histogram|UpDownCounter|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)(?:<[^>]+>)?\(\s*"([^"]+)"/g;

function csFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'bin' || entry.name === 'obj') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...csFiles(full));
    else if (entry.name.endsWith('.cs')) out.push(full);
  }
  return out;
}

/** Prometheus names of the instruments the product's code creates on its "AdOrleans" meter. */
export function productMetrics(srcDir = path.join(REPO_ROOT, 'src')) {
  const names = new Set();
  for (const file of csFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('MeterName = "AdOrleans"')) continue;
    for (const m of text.matchAll(INSTRUMENT)) names.add(`adorleans_${m[1].replace(/[.\-]/g, '_')}`);
  }
  return names;
}

export function exportedMetrics() {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'exported-metrics.txt');
  return new Set(readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'and', 'or', 'unless', 'inf', 'nan']);

/** The metric names a PromQL expression reads (label names, functions, keywords and Grafana variables left out). */
export function metricNames(expr) {
  const bare = String(expr)
    .replace(/\blabel_values\(([^,]*),\s*\w+\s*\)/g, '$1')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = new Set();
  for (const m of bare.matchAll(/(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(?!\s*\()/g)) {
    if (!KEYWORDS.has(m[1].toLowerCase())) names.add(m[1]);
  }
  return [...names];
}

/** Whether `name` is a known series, a histogram's _bucket/_sum/_count included. */
export function isKnown(name, known) {
  return known.has(name) || known.has(name.replace(/_(bucket|sum|count)$/, ''));
}
