// Attribution: the six models side by side per channel over the chosen range (GET /v1/attribution/compare, rows are
// hourly so the window starts at the hour holding `from`), ROAS where the channel has ad spend, and the budget
// recommendations of one model with the admin's apply (docs/attribution.md).
import { api, query } from '../api.js';
import { creditMatrix, MODEL_LABELS, spendOf } from '../attribution-matrix.js';
import { code, emptyState, h, replace } from '../dom.js';
import { iso, rangePicker, resolve, savedRange } from '../range.js';
import { attributionCard } from './attribution-table.js';
import { recommendationsCard } from './budget-recommendations.js';

export function mount(main, { features }) {
  let range = savedRange();
  let model = 'markov';
  let generation = 0;
  const head = h('div', { class: 'page-head' });
  const body = h('section', { class: 'stack' });
  replace(main, head, body);
  if (!features.attribution) {
    replace(head, h('h1', null, 'Attribution'));
    replace(body, emptyState('No attribution on this server', ['This server does not map ', code('GET /v1/attribution/compare'), '.']));
    return () => {};
  }

  const modelPicker = () => h('label', { class: 'tools' }, 'Recommend by',
    h('select', { 'aria-label': 'Recommendation model', 'data-testid': 'budget-model', onChange: (e) => {
      model = e.target.value;
      load();
    } }, Object.entries(MODEL_LABELS).map(([key, label]) => h('option', { value: key, selected: key === model }, label))));

  async function load() {
    const current = ++generation;
    const w = resolve(range);
    const params = { from: iso(w.from), to: iso(w.to) };
    replace(head, h('div', null, h('h1', null, 'Attribution'), h('p', { class: 'muted' }, `Conversions credited per channel · ${w.label}`)),
      h('div', { class: 'tools' }, features.budget ? modelPicker() : null, rangePicker(range, (next) => {
        range = next;
        load();
      })));
    try {
      const [comparison, plan] = await Promise.all([
        api(`/v1/attribution/compare?${query(params)}`),
        features.budget ? api(`/v1/budget/recommendations?${query({ ...params, model })}`) : null]);
      if (current !== generation) return;
      replace(body, attributionCard(creditMatrix(comparison, spendOf(plan))),
        plan ? recommendationsCard(plan, params, features.budgetApply) : null);
    } catch (err) {
      if (current === generation) replace(body, emptyState('Could not load attribution', err.message));
    }
  }

  load();
  return () => {
    generation++;
  };
}
