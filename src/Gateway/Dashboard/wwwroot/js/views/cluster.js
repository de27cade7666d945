// Cluster: silos, partitions (owner, offsets, lag), grain types (activations, turns/s, latency,
// failures) and an hour of history from /v1/cluster/history. Refreshes every sample interval
// while the tab is visible.
import { api, query } from '../api.js';
import { align, distinctSeries, lineChart } from '../chart.js';
import { code, emptyState, h, replace } from '../dom.js';
import * as fmt from '../format.js';

const stat = (label, value, testId) => h('div', { class: 'tile', 'data-testid': testId }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, value));

export function mount(main, { features, setLive }) {
  let samples = [];
  let intervalSeconds = 5;
  let timer = null;
  let disposed = false;
  const charts = {};
  const summary = h('section', { class: 'tiles' });
  const silos = h('div', { class: 'table-wrap' });
  const grains = h('div', { class: 'table-wrap' });
  const partitions = h('div', { class: 'table-wrap' });
  const history = h('section', { class: 'grid-2' });
  const note = h('p', { class: 'muted small', 'data-testid': 'cluster-status' });
  // Orleans' own dashboard (grain calls, silo figures, reminders) is served by the silo at /orleans/ and signs in with the same key.
  const orleans = h('a', { href: '/orleans/', target: '_blank', rel: 'noopener', 'data-testid': 'orleans-dashboard' }, 'Orleans dashboard');
  replace(main, h('div', { class: 'page-head' }, h('h1', null, 'Cluster'), orleans), summary,
    h('section', { class: 'card' }, h('h2', null, 'Silos'), silos), history,
    h('section', { class: 'card' }, h('h2', null, 'Grain types'), grains),
    h('section', { class: 'card' }, h('h2', null, 'Partitions'), partitions), note);

  const chartSpecs = [
    { key: 'turns', title: 'Turns/s by grain type', format: fmt.rate, perGrain: (g) => g.turnsPerSecond },
    { key: 'p99', title: 'Turn latency p99 by grain type', format: fmt.latency, perGrain: (g) => g.turnLatencyP99Micros },
    { key: 'log', title: 'Log throughput (records/s) and lag', format: fmt.rate, lines: [['appended/s', (s) => s.logRecordsPerSecond], ['committed/s', (s) => s.commitsPerSecond], ['lag', (s) => s.lag]] },
    { key: 'cpu', title: 'Process CPU (% of one core)', format: (v) => `${v.toFixed(0)}%`, lines: [['cpu', (s) => s.cpuCoresUsed * 100]] },
  ];

  function drawHistory() {
    if (!features.clusterHistory) {
      replace(history, emptyState('No history on this server', ['This build does not map ', code('/v1/cluster/history'), '.']));
      return;
    }
    const types = [...new Set(samples.flatMap((s) => s.grains.map((g) => g.grainType)))].sort();
    for (const spec of chartSpecs) {
      const labels = spec.lines ? spec.lines.map(([label]) => label) : types;
      let chart = charts[spec.key];
      if (!chart || chart.labels.join() !== labels.join()) {
        chart?.destroy();
        const box = h('div', { class: 'chart' });
        const card = h('div', { class: 'card', dataset: { chart: spec.key } }, h('h2', null, spec.title), box);
        if (chart) chart.card.replaceWith(card);
        else history.append(card);
        chart = lineChart(box, { series: distinctSeries(labels), format: spec.format, height: 200 });
        Object.assign(chart, { labels, card });
        charts[spec.key] = chart;
      }
      const t = (s) => Date.parse(s.at) / 1000;
      const lists = spec.lines
        ? spec.lines.map(([, read]) => samples.map((s) => ({ t: t(s), value: read(s) })))
        : types.map((type) => samples.map((s) => ({ t: t(s), value: spec.perGrain(s.grains.find((g) => g.grainType === type) ?? {}) ?? null })));
      chart.setData(align(lists));
    }
  }

  function render(cluster) {
    const last = samples.at(-1);
    const byType = new Map((last?.grains ?? []).map((g) => [g.grainType, g]));
    const failures = cluster.grains.reduce((n, g) => n + g.failures, 0);
    const lag = cluster.partitions.reduce((n, p) => n + p.lag, 0);
    replace(summary,
      stat('Silos', '1', 'stat-silos'),
      stat('Partitions owned', String(new Set(cluster.partitions.map((p) => p.partition)).size), 'stat-partitions'),
      stat('Activations', fmt.count(cluster.grains.reduce((n, g) => n + g.activations, 0)), 'stat-activations'),
      stat('Turns/s', fmt.rate(last?.grains.reduce((n, g) => n + g.turnsPerSecond, 0)), 'stat-turns'),
      stat('Log records/s', fmt.rate(last?.logRecordsPerSecond), 'stat-log'),
      stat('Lag (records)', fmt.count(lag), 'stat-lag'),
      stat('Turn failures', fmt.count(failures), 'stat-failures'),
      stat('CPU (one core)', last ? `${(last.cpuCoresUsed * 100).toFixed(0)}%` : '—', 'stat-cpu'));
    replace(silos, h('table', { class: 'data' },
      h('thead', null, h('tr', null, ['Host', 'Process', 'Partitions', 'Memory', 'Status'].map((c) => h('th', null, c)))),
      h('tbody', null, h('tr', null, h('td', null, cluster.host), h('td', { class: 'num' }, String(cluster.processId)),
        h('td', { class: 'num' }, String(new Set(cluster.partitions.map((p) => p.partition)).size)),
        h('td', { class: 'num' }, fmt.bytes(last?.workingSetBytes)), h('td', null, h('span', { class: 'badge active' }, 'up'))))));
    replace(grains, cluster.grains.length
      ? h('table', { class: 'data', 'data-testid': 'grain-table' },
        h('thead', null, h('tr', null, ['Grain type', 'Activations', 'Turns/s', 'p50', 'p99', 'Failures', 'Activated', 'Deactivated'].map((c) => h('th', null, c)))),
        h('tbody', null, cluster.grains.map((g) => {
          const recent = byType.get(g.grainType);
          return h('tr', { dataset: { grain: g.grainType } }, h('td', null, g.grainType), h('td', { class: 'num' }, fmt.count(g.activations)),
            h('td', { class: 'num' }, fmt.rate(recent?.turnsPerSecond)),
            h('td', { class: 'num' }, fmt.latency(recent?.turnLatencyP50Micros ?? g.turnLatencyP50Micros)),
            h('td', { class: 'num' }, fmt.latency(recent?.turnLatencyP99Micros ?? g.turnLatencyP99Micros)),
            h('td', { class: `num ${g.failures ? 'bad' : ''}` }, fmt.count(g.failures)),
            h('td', { class: 'num' }, fmt.count(g.activationsTotal)), h('td', { class: 'num' }, fmt.count(g.deactivationsTotal)));
        })))
      : h('p', { class: 'muted' }, 'No grain has been activated yet; activations appear when events arrive.'));
    const topics = [...new Set(cluster.partitions.map((p) => p.topic))];
    const rows = [...new Set(cluster.partitions.map((p) => p.partition))].sort((a, b) => a - b);
    const cell = new Map(cluster.partitions.map((p) => [`${p.topic}/${p.partition}`, p]));
    replace(partitions, rows.length
      ? h('table', { class: 'data', 'data-testid': 'partition-table' },
        h('thead', null, h('tr', null, h('th', null, 'Partition'), h('th', null, 'Owner'), topics.map((t) => h('th', { class: 'num' }, `${t} end / lag`)))),
        h('tbody', null, rows.map((p) => h('tr', { dataset: { partition: p } }, h('td', { class: 'num' }, String(p)), h('td', null, cluster.host),
          topics.map((t) => {
            const status = cell.get(`${t}/${p}`);
            return h('td', { class: `num ${status?.lag ? 'warn' : ''}` }, status ? `${fmt.count(status.endOffset)} / ${fmt.count(status.lag)}` : '—');
          })))))
      : h('p', { class: 'muted' }, 'This process owns no partitions (gateway role, or partitions not yet assigned).'));
    note.textContent = `Sampled every ${intervalSeconds} s; ${samples.length} samples (${fmt.rate(samples.length * intervalSeconds / 60)} min) of history · updated ${new Date().toISOString().slice(11, 19)} UTC`;
  }

  async function refresh() {
    try {
      const since = samples.at(-1)?.at;
      const [cluster, hist] = await Promise.all([
        api('/v1/cluster'),
        features.clusterHistory ? api(`/v1/cluster/history?${query({ since })}`) : null,
      ]);
      if (disposed) return;
      if (hist) {
        intervalSeconds = hist.sampleIntervalSeconds;
        samples = samples.concat(hist.samples).slice(-hist.capacity);
      }
      render(cluster);
      drawHistory();
    } catch (err) {
      if (!disposed) replace(silos, emptyState('Could not load the cluster view', err.message));
    }
  }

  function schedule() {
    clearInterval(timer);
    if (document.hidden) {
      setLive('paused');
      return;
    }
    setLive('live');
    timer = setInterval(refresh, intervalSeconds * 1000);
  }

  function onVisibility() {
    if (!document.hidden) refresh();
    schedule();
  }

  document.addEventListener('visibilitychange', onVisibility);
  refresh().then(schedule);
  return () => {
    disposed = true;
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
    Object.values(charts).forEach((c) => c.destroy());
  };
}
