// Lake: run read-only SQL over the Parquet lake (POST /v1/lake/query, docs/lake.md), see the rows, chart the first
// numeric column against the first other column as bars. Kept simple on purpose: one query, one table, one chart.
import { api } from '../api.js';
import { code, emptyState, h, replace } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const EXAMPLE = 'SELECT channel, count(*) AS events, sum(value_micros) AS revenue_micros\nFROM events\nGROUP BY channel\nORDER BY events DESC';
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL|INT|LONG|REAL)/i;

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  for (const child of children) el.append(child);
  return el;
}

/** Bars of the first numeric column, labelled by the first other column (or the row number); at most 50 bars. */
function barChart(result) {
  const value = result.columns.findIndex((c) => NUMERIC.test(c.type));
  if (value < 0 || result.rows.length === 0) return null;
  const label = result.columns.findIndex((c, i) => i !== value);
  const rows = result.rows.slice(0, 50).map((r, i) => ({ name: label < 0 ? String(i + 1) : String(r[label] ?? '∅'), v: Number(r[value]) || 0 }));
  const max = Math.max(...rows.map((r) => r.v), 0) || 1;
  const [width, height, pad] = [Math.max(320, rows.length * 48), 220, 28];
  const step = width / rows.length;
  const bars = rows.map((r, i) => {
    const top = pad + (height - 2 * pad) * (1 - Math.max(0, r.v) / max);
    return svg('g', {},
      svg('rect', { x: i * step + step * 0.15, y: top, width: step * 0.7, height: height - pad - top, fill: '#38bdf8', rx: 2 }, svg('title', {}, `${r.name}: ${r.v}`)),
      svg('text', { x: i * step + step / 2, y: height - 8, 'text-anchor': 'middle', fill: '#94a3b8', 'font-size': 11 }, r.name.slice(0, 10)),
      svg('text', { x: i * step + step / 2, y: top - 4, 'text-anchor': 'middle', fill: '#e2e8f0', 'font-size': 11 }, String(r.v)));
  });
  return h('div', { class: 'card' }, h('div', { class: 'card-head' }, h('h2', null, result.columns[value].name)),
    h('div', { class: 'table-wrap' }, svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, 'data-testid': 'lake-chart', role: 'img' }, ...bars)));
}

function table(result) {
  return h('div', { class: 'table-wrap card' }, h('table', { class: 'data', 'data-testid': 'lake-table' },
    h('thead', null, h('tr', null, result.columns.map((c) => h('th', { title: c.type }, c.name)))),
    h('tbody', null, result.rows.map((r) => h('tr', null, r.map((v) => h('td', { class: typeof v === 'number' ? 'num' : null }, v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))))))));
}

export function mount(main, { features }) {
  const head = h('div', { class: 'page-head' }, h('h1', null, 'Lake'));
  if (!features.lake) {
    replace(main, head, emptyState('No lake on this server', ['This server does not map ', code('POST /v1/lake/query'), '.']));
    return () => {};
  }
  let disposed = false;
  const sql = h('textarea', { class: 'sql', rows: 6, spellcheck: 'false', 'aria-label': 'SQL', 'data-testid': 'lake-sql', value: EXAMPLE });
  const status = h('span', { class: 'muted', 'data-testid': 'lake-status' }, 'Tables: events (date, channel, type, …), billing (date, campaign_id, …)');
  const result = h('div', { class: 'stack' });
  const run = h('button', { class: 'btn', type: 'submit', 'data-testid': 'lake-run' }, 'Run');
  const form = h('form', { class: 'card stack', onsubmit: (e) => {
    e.preventDefault();
    run.disabled = true;
    status.textContent = 'Running…';
    api('/v1/lake/query', { method: 'POST', body: { sql: sql.value, maxRows: 1000, timeoutSeconds: 10 } }).then((r) => {
      if (disposed) return;
      status.textContent = `${r.rows.length} rows${r.truncated ? ' (cut at 1,000)' : ''} in ${r.elapsedMs} ms`;
      replace(result, barChart(r), table(r));
    }).catch((err) => {
      if (disposed) return;
      status.textContent = '';
      replace(result, emptyState(err.status === 408 ? 'Query timed out' : 'Query failed', err.message));
    }).finally(() => { run.disabled = false; });
  } }, sql, h('div', { class: 'card-head' }, status, run));
  replace(main, head, form, result);
  return () => {
    disposed = true;
  };
}
