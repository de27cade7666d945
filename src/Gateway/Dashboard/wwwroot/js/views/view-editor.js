// The editor of a saved view: its name, which tiles (in the catalogue's order) and which charts (at most six),
// and whether other keys may open it by link. The server validates again and names the field it refuses.
import { h, replace } from '../dom.js';
import { CHARTABLE, METRICS } from '../metrics.js';

const MAX_CHARTS = 6;

const newId = (name) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'view'}-${Math.random().toString(36).slice(2, 8)}`;

function checkboxes(field, metrics, chosen) {
  return h('fieldset', { class: 'metric-picks', 'data-field': field },
    h('legend', null, field === 'tiles' ? 'Tiles' : `Charts (at most ${MAX_CHARTS})`),
    metrics.map((m) => h('label', null, h('input', { type: 'checkbox', name: field, value: m.key, checked: chosen.includes(m.key) }), m.label)));
}

/** `view` is what is shown now; onSave(view) may throw an ApiError whose field errors are shown. */
export function viewEditor({ view, own, onSave, onCancel }) {
  const name = h('input', { type: 'text', name: 'name', 'aria-label': 'View name', value: view.id ? view.name : '', placeholder: 'View name', maxlength: 80 });
  const shared = h('input', { type: 'checkbox', name: 'shared', checked: Boolean(view.shared) });
  const errors = h('div', { class: 'form-errors', role: 'alert' });
  const form = h('form', { class: 'view-editor card', 'data-testid': 'view-editor' },
    h('label', null, 'Name ', name),
    checkboxes('tiles', METRICS, view.tiles), checkboxes('charts', CHARTABLE, view.charts),
    h('label', null, shared, ' Shared: other keys can open it by its link'),
    errors,
    h('div', { class: 'actions' },
      own && h('button', { type: 'submit', value: 'replace' }, 'Save'),
      h('button', { type: 'submit', value: 'new', class: own ? 'ghost' : '' }, own ? 'Save as new' : 'Save view'),
      h('button', { type: 'button', class: 'ghost', onClick: onCancel }, 'Cancel')));

  const picked = (field) => [...form.querySelectorAll(`input[name=${field}]:checked`)].map((i) => i.value);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const asNew = e.submitter?.value !== 'replace';
    const next = { id: asNew ? newId(name.value.trim()) : view.id, name: name.value.trim(), tiles: picked('tiles'), charts: picked('charts'), shared: shared.checked };
    const problems = [];
    if (!next.name) problems.push('name: a name is required');
    if (!next.tiles.length) problems.push('tiles: pick at least one');
    if (!next.charts.length || next.charts.length > MAX_CHARTS) problems.push(`charts: pick 1 to ${MAX_CHARTS}`);
    if (problems.length) {
      replace(errors, problems.map((p) => h('p', null, p)));
      return;
    }
    try {
      await onSave(next);
    } catch (err) {
      const fields = Object.entries(err.problem?.errors ?? {}).map(([field, messages]) => h('p', null, `${field}: ${messages.join(' ')}`));
      replace(errors, fields.length ? fields : h('p', null, err.message));
    }
  });
  return form;
}
