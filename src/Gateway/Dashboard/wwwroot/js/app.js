// Boot: sign-in gate, hash router (#/overview, #/campaigns[/id], #/experiments, #/attribution, #/audiences, #/cluster, #/alerts, #/lake), live indicator.
import { loadFeatures, onUnauthorized, session } from './api.js';
import { replace } from './dom.js';
import { signIn } from './views/signin.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const sessionBox = document.getElementById('session');
const live = document.getElementById('live');
const ROUTES = {
  overview: () => import('./views/overview.js'),
  campaigns: () => import('./views/campaigns.js'),
  campaign: () => import('./views/campaign.js'),
  cluster: () => import('./views/cluster.js'),
  alerts: () => import('./views/alerts.js'),
  experiments: () => import('./views/experiments.js'),
  attribution: () => import('./views/attribution.js'),
  audiences: () => import('./views/audiences.js'),
  lake: () => import('./views/lake.js'),
};
const LIVE_TEXT = { idle: 'idle', connecting: 'connecting', live: 'live', reconnecting: 'reconnecting', paused: 'paused', off: 'not live', unauthorized: 'signed out' };

let features = null;
let unmount = null;
let generation = 0;

export function setLive(state) {
  live.dataset.state = state;
  live.querySelector('span').textContent = LIVE_TEXT[state] ?? state;
}

/** "#/overview?view=v1" → { name: 'overview', params }; a saved view's share link carries its id (and owner) there. */
function parseRoute() {
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = 'overview', ...rest] = path.split('/');
  const params = new URLSearchParams(search);
  if (name === 'campaigns' && rest.length) return { name: 'campaign', id: decodeURIComponent(rest.join('/')), params };
  return { name: ROUTES[name] ? name : 'overview', params };
}

async function render() {
  const current = ++generation;
  unmount?.();
  unmount = null;
  setLive('idle');
  if (!session.key()) {
    nav.hidden = true;
    sessionBox.hidden = true;
    unmount = signIn(main, () => render());
    return;
  }
  nav.hidden = false;
  sessionBox.hidden = false;
  features ??= await loadFeatures();
  const route = parseRoute();
  for (const link of nav.querySelectorAll('a')) {
    const active = link.dataset.route === route.name || (route.name === 'campaign' && link.dataset.route === 'campaigns');
    link.classList.toggle('active', active);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const view = await ROUTES[route.name]();
  if (current !== generation) return;
  replace(main);
  main.dataset.view = route.name;
  unmount = view.mount(main, { features, route, setLive });
}

onUnauthorized(() => {
  session.signOut();
  render();
});
document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  render();
});
window.addEventListener('hashchange', render);
render();
