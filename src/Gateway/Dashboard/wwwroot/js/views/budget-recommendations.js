// The Attribution page's budget recommendations (GET /v1/budget/recommendations): per campaign its daily budget now
// and recommended, with the reason; an admin applies them all with POST …/apply after a confirmation, and each line
// then shows what applying did (applied, unchanged, stopped, not-found, log-unavailable).
import { api, query } from '../api.js';
import { csvButton } from '../csv.js';
import { h, replace, toast } from '../dom.js';
import * as fmt from '../format.js';
import { confirmDialog } from './campaign-actions.js';

const change = (micros) => (micros === 0 ? '—' : `${micros > 0 ? '+' : '−'}${fmt.money(Math.abs(micros))}`);

/** A card for one recommendations answer; `params` is { from, to } as sent, `canApply` whether the server maps apply. */
export function recommendationsCard(plan, params, canApply) {
  const outcomes = new Map();
  const box = h('div', { class: 'table-wrap' });
  let table = null;
  const render = () => {
    table = h('table', { class: 'data', 'data-testid': 'budget-table' },
      h('thead', null, h('tr', null, ['Campaign', 'Channel', 'Spend', 'ROAS', 'Daily budget', 'Recommended', 'Change', 'Reason', outcomes.size ? 'Outcome' : null]
        .filter(Boolean).map((c) => h('th', null, c)))),
      h('tbody', null, plan.campaigns.map((c) => h('tr', { dataset: { campaign: c.campaignId } },
        h('td', null, h('a', { href: `#/campaigns/${encodeURIComponent(c.campaignId)}` }, c.campaignId)), h('td', null, c.channel),
        h('td', { class: 'num' }, fmt.money(c.spendMicros)), h('td', { class: 'num' }, fmt.multiple(c.roas)),
        h('td', { class: 'num' }, fmt.money(c.dailyBudgetMicros)), h('td', { class: 'num' }, fmt.money(c.recommendedDailyBudgetMicros)),
        h('td', { class: 'num' }, change(c.changeMicros)), h('td', { class: 'reason' }, c.reason),
        outcomes.size ? h('td', { 'data-testid': 'outcome' }, outcomes.get(c.campaignId) ?? '—') : null))));
    replace(box, table);
  };
  const apply = h('button', {
    type: 'button', class: 'small', 'data-testid': 'apply-budgets',
    disabled: !canApply || !plan.campaigns.some((c) => c.changeMicros !== 0),
    title: canApply ? 'Set every changed campaign\'s daily budget to the recommended one.' : 'This server has no apply API.',
    onClick: async () => {
      const changed = plan.campaigns.filter((c) => c.changeMicros !== 0).length;
      if (!(await confirmDialog(`Apply ${changed} budget change${changed === 1 ? '' : 's'}?`,
        `Each changed campaign's daily budget is set to the recommended one (${plan.model} model).`, 'Apply'))) return;
      try {
        const result = await api(`/v1/budget/recommendations/apply?${query({ ...params, model: plan.model })}`, { method: 'POST' });
        for (const line of result.campaigns) outcomes.set(line.campaignId, line.outcome);
        render();
        toast(`${result.campaigns.filter((l) => l.outcome === 'applied').length} daily budgets changed.`, 'ok');
      } catch (err) {
        toast(`Apply failed: ${err.message}`, 'error');
      }
    },
  }, 'Apply');
  render();
  return h('div', { class: 'card', 'data-testid': 'budget' },
    h('div', { class: 'card-head' }, h('h2', null, `Budget recommendations · ${plan.model}`), h('div', { class: 'tools' }, apply, csvButton(() => table, 'budget-recommendations'))),
    h('p', { class: 'muted' }, `Portfolio ROAS ${fmt.multiple(plan.portfolioRoas)}; at most ${fmt.percent(plan.maxShiftPerDay, 0)} of a campaign's daily budget moves, never below ${fmt.money(plan.minDailyBudgetMicros)} a day.`),
    plan.campaigns.length ? box : h('p', { class: 'muted' }, 'No campaigns.'));
}
