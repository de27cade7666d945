// The campaign page's sentiment card: scored social posts and comments of the campaign in the page's range
// (GET /v1/kpi/sentiment?campaignId=, docs/kpi.md "Sentiment").
import { api, query } from '../api.js';
import { h } from '../dom.js';
import * as fmt from '../format.js';

const fact = (label, value) => h('div', { class: 'fact' }, h('span', { class: 'label' }, label), h('span', null, value));

export async function sentimentCard(features, campaignId, from, to) {
  if (!features.sentiment) return null;
  const s = await api(`/v1/kpi/sentiment?${query({ campaignId, from, to })}`);
  return h('div', { class: 'card span-2', 'data-testid': 'sentiment' }, h('h2', null, 'Social sentiment'),
    s.scored
      ? h('div', { class: 'facts' },
        fact('Mean score', s.meanScore == null ? '—' : s.meanScore.toFixed(3)),
        fact('Positive', fmt.count(s.positive)), fact('Neutral', fmt.count(s.neutral)), fact('Negative', fmt.count(s.negative)),
        fact('Negative share', fmt.percent(s.negativeShare, 1)))
      : h('p', { class: 'muted' }, 'No scored posts or comments in this range.'));
}
