// The metrics a view can show as tiles and charts, named as the KPI API names them (docs/kpi.md). The server
// checks saved views against the same names (src/Gateway/Dashboard/DashboardMetrics.cs).
import * as fmt from './format.js';

const count = (key, label, extra = {}) => ({ key, label, format: fmt.count, ratio: false, ...extra });
const money = (key, label, extra = {}) => ({ key, label, format: fmt.money, ratio: false, ...extra });
const rate = (key, label, extra = {}) => ({ key, label, format: fmt.percent, ratio: true, ...extra });

export const METRICS = [
  money('spendMicros', 'Spend', { better: 'neither' }),
  count('impressions', 'Impressions'),
  count('clicks', 'Clicks'),
  count('conversions', 'Conversions'),
  money('revenueMicros', 'Revenue'),
  { key: 'roas', label: 'ROAS', format: fmt.multiple, ratio: true, hint: 'ad-attributed revenue ÷ ad spend' },
  money('cpaMicros', 'CPA', { ratio: true, better: 'lower' }),
  money('cacMicros', 'CAC', { ratio: true, better: 'lower', hint: 'spend ÷ new customers' }),
  money('clvMicros', 'CLV', { ratio: true, lifetime: true, hint: 'purchase revenue ÷ customers, lifetime to the end of the range' }),
  count('newCustomers', 'New customers'),
  count('purchases', 'Purchases'),
  count('sessions', 'Web sessions'),
  count('pageviews', 'Pageviews'),
  rate('bounceRate', 'Bounce rate', { better: 'lower' }),
  count('emailsSent', 'Emails sent'),
  rate('openRate', 'Open rate'),
  rate('clickToOpenRate', 'Click-to-open'),
  rate('engagementRate', 'Engagement rate', { hint: '(likes + shares + comments) ÷ posts' }),
  count('posts', 'Posts'),
  rate('ctr', 'CTR'),
  rate('cvr', 'CVR'),
  money('cpcMicros', 'CPC', { ratio: true, better: 'lower' }),
  money('cpmMicros', 'CPM', { ratio: true, better: 'lower' }),
];
export const BY_KEY = new Map(METRICS.map((m) => [m.key, m]));
export const CHARTABLE = METRICS.filter((m) => !m.lifetime);

/** What the Overview shows until the user picks a saved view. */
export const DEFAULT_VIEW = {
  id: null,
  name: 'Default',
  tiles: ['spendMicros', 'impressions', 'clicks', 'conversions', 'revenueMicros', 'roas', 'cpaMicros', 'cacMicros', 'clvMicros',
    'newCustomers', 'sessions', 'bounceRate', 'emailsSent', 'openRate', 'clickToOpenRate', 'engagementRate'],
  charts: ['spendMicros', 'sessions'],
};

export const metric = (key) => BY_KEY.get(key) ?? BY_KEY.get('impressions');

/** A campaign's page: its ad KPIs (all of a campaign's revenue is ad-attributed, so its ROAS is revenue ÷ spend). */
export const CAMPAIGN_TILES = ['impressions', 'clicks', 'conversions', 'spendMicros', 'ctr', 'cvr', 'cpaMicros', 'roas'].map(metric);
