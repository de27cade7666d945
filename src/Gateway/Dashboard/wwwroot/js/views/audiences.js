// Audiences: a clustering run of the users' journey features (POST /v1/segments/clusters, admin) followed until it
// completes (GET /v1/segments/clusters/{runId}), then its segments with size and centroid (docs/audiences.md). The
// API has no list of runs, so the page shows the run in the URL (#/audiences?run=) or the last one this browser started.
import { api } from '../api.js';
import { code, emptyState, h, replace, toast } from '../dom.js';
import { segmentsCard } from './audience-segments.js';

const LAST_RUN = 'adorleans.clusterRun';
const POLL_MS = 1000;
const STATE_BADGE = { running: 'warning', completed: 'active', failed: 'critical' };

function status(run) {
  return h('div', { class: 'card', 'data-testid': 'cluster-run', dataset: { state: run.state } },
    h('div', { class: 'card-head' }, h('h2', null, 'Clustering run'), h('span', { class: `badge ${STATE_BADGE[run.state] ?? ''}`, 'data-testid': 'cluster-state' }, run.state)),
    h('p', { class: 'muted', 'data-testid': 'cluster-progress' }, h('code', { 'data-testid': 'cluster-run-id' }, run.runId), ' · ',
      run.failure ?? `${run.progress} · k ${run.k ?? 'chosen by silhouette'} · ${run.users} users · silhouette ${run.silhouette ?? '—'}`));
}

export function mount(main, { features, route }) {
  const k = h('input', { type: 'number', min: 2, max: 20, placeholder: 'auto', 'aria-label': 'Clusters (k)', 'data-testid': 'cluster-k', style: { width: '7em' } });
  const start = h('button', { type: 'submit', 'data-testid': 'cluster-start' }, 'Cluster users');
  const form = h('form', { class: 'tools', onSubmit: async (e) => {
    e.preventDefault();
    start.disabled = true;
    try {
      const { runId } = await api('/v1/segments/clusters', { method: 'POST', body: { k: k.value ? Number(k.value) : null } });
      localStorage.setItem(LAST_RUN, runId);
      location.hash = `#/audiences?run=${encodeURIComponent(runId)}`;
    } catch (err) {
      toast(`Clustering did not start: ${err.message}`, 'error');
      start.disabled = false;
    }
  } }, h('label', null, 'k ', k), start);
  const body = h('section', { class: 'stack' });
  replace(main, h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Audiences'),
    h('p', { class: 'muted' }, 'k-means over recency, frequency, monetary value and channel mix; each cluster becomes a targetable segment.')),
  features.audiences ? form : null), body);
  if (!features.audiences) {
    replace(body, emptyState('No audience clustering on this server', ['This server does not map ', code('POST /v1/segments/clusters'), '.']));
    return () => {};
  }
  const runId = route.params.get('run') ?? localStorage.getItem(LAST_RUN);
  if (!runId) {
    replace(body, emptyState('No clustering run yet', 'Choose k (or leave it empty to let the silhouette choose 2–8) and cluster the users.'));
    return () => {};
  }

  let timer = null;
  let disposed = false;
  const poll = () => api(`/v1/segments/clusters/${encodeURIComponent(runId)}`).then((run) => {
    if (disposed) return;
    replace(body, status(run), run.state === 'completed' ? segmentsCard(run) : null);
    if (run.state === 'running') timer = setTimeout(poll, POLL_MS);
  }).catch((err) => {
    if (disposed) return;
    if (err.status === 404 && localStorage.getItem(LAST_RUN) === runId) localStorage.removeItem(LAST_RUN);
    replace(body, emptyState(err.status === 404 ? `No clustering run “${runId}”` : 'Could not load the run', err.message));
  });
  poll();
  return () => {
    disposed = true;
    clearTimeout(timer);
  };
}
