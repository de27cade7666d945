// Saved views of the Overview (/v1/dashboard/views, per API key): pick one, customize the tiles and charts and
// save, delete, or copy a share link. A link names the view and its owner key (`#/overview?view=<id>&owner=<key
// name>`); another key opens it read-only through /v1/dashboard/views/shared/{owner}/{id} when it was saved shared.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { DEFAULT_VIEW } from '../metrics.js';
import { viewEditor } from './view-editor.js';

const base = '/v1/dashboard/views';

/** The view a route names: { view, owner, own, saved } (the default view when none is named or it is gone). */
export async function loadView(params, features) {
  if (!features.views) return { view: DEFAULT_VIEW, owner: null, saved: [] };
  const { owner, views } = await api(base);
  const id = params?.get('view');
  const from = params?.get('owner');
  if (!id) return { view: DEFAULT_VIEW, owner, saved: views };
  if (from && from !== owner) {
    const view = await api(`${base}/shared/${encodeURIComponent(from)}/${encodeURIComponent(id)}`).catch(() => null);
    return { view: view ?? DEFAULT_VIEW, owner, saved: views, sharedBy: view ? from : null, missing: !view };
  }
  const view = views.find((v) => v.id === id);
  return { view: view ?? DEFAULT_VIEW, owner, saved: views, missing: !view };
}

export const shareLink = (view, owner) =>
  `${location.origin}${location.pathname}#/overview?view=${encodeURIComponent(view.id)}&owner=${encodeURIComponent(owner)}`;

/** The bar above the tiles; `state` is what loadView answered, `current()` the tiles and charts shown now. */
export function viewBar(box, state, { features, current }) {
  if (!features.views) return;
  const { view, owner, saved } = state;
  const go = (id) => { location.hash = id ? `#/overview?view=${encodeURIComponent(id)}` : '#/overview'; };
  const select = h('select', { 'aria-label': 'Saved view', 'data-testid': 'view-select', onChange: (e) => go(e.target.value) },
    h('option', { value: '' }, DEFAULT_VIEW.name),
    state.sharedBy && h('option', { value: view.id, selected: true }, `${view.name} (shared by ${state.sharedBy})`),
    saved.map((v) => h('option', { value: v.id, selected: !state.sharedBy && v.id === view.id }, v.name)));
  const editorBox = h('div');
  const link = h('input', { type: 'text', readonly: true, class: 'share-link', 'aria-label': 'Share link', 'data-testid': 'share-link', hidden: true });
  const own = view.id && !state.sharedBy;
  const buttons = [
    h('button', { type: 'button', class: 'ghost small', 'data-testid': 'customize', onClick: () => replace(editorBox, viewEditor({
      view: { ...view, ...current() }, own, onSave: save, onCancel: () => replace(editorBox) })) }, 'Customize'),
    own && view.shared && h('button', { type: 'button', class: 'ghost small', 'data-testid': 'share', onClick: () => {
      link.hidden = false;
      link.value = shareLink(view, owner);
      link.select();
    } }, 'Share link'),
    own && h('button', { type: 'button', class: 'ghost small', 'data-testid': 'delete-view', onClick: async () => {
      await api(`${base}/${encodeURIComponent(view.id)}`, { method: 'DELETE' });
      go(null);
    } }, 'Delete'),
  ];
  replace(box, h('div', { class: 'view-bar' }, h('span', { class: 'muted small' }, 'View'), select, buttons, link,
    state.missing && h('span', { class: 'muted small', 'data-testid': 'view-missing' }, 'That view no longer exists (or is not shared); showing the default.')), editorBox);

  async function save(next) {
    const saved = await api(`${base}/${encodeURIComponent(next.id)}`, { method: 'PUT', body: { name: next.name, tiles: next.tiles, charts: next.charts, shared: next.shared } });
    if (location.hash === `#/overview?view=${encodeURIComponent(saved.id)}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else go(saved.id);
  }
}
