// A stand-in for the KPI and campaigns APIs, answering in the real APIs' shapes (API.md, docs/kpi.md)
// through Playwright's request interception, so the front end can be driven with exact, crafted
// answers. Everything else (sign-in, cluster) still goes to the real service.
export const CHANNELS = ['display', 'search', 'social', 'email', 'video', 'web'];

/** KPI values as the API answers them; `extra` holds the other counters (sessions, emailsSent, …), zero when absent. */
export function kpi(impressions, clicks, conversions, spendMicros, revenueMicros, extra = {}) {
  const div = (a, b) => (b ? a / b : null);
  const c = { purchases: 0, newCustomers: 0, pageviews: 0, sessions: 0, bounces: 0, posts: 0, likes: 0, shares: 0, comments: 0,
    emailsSent: 0, emailOpens: 0, emailClicks: 0, ...extra };
  return {
    impressions, clicks, conversions, spendMicros, revenueMicros, ...c,
    ctr: div(clicks, impressions), cvr: div(conversions, clicks),
    cpcMicros: clicks ? Math.round(spendMicros / clicks) : null,
    cpmMicros: impressions ? Math.round((spendMicros * 1000) / impressions) : null,
    cpaMicros: conversions ? Math.round(spendMicros / conversions) : null,
    roas: div(c.adRevenueMicros ?? revenueMicros, spendMicros),
    cacMicros: c.newCustomers ? Math.round(spendMicros / c.newCustomers) : null,
    bounceRate: div(c.bounces, c.sessions),
    engagementRate: div(c.likes + c.shares + c.comments, c.posts),
    openRate: div(c.emailOpens, c.emailsSent),
    clickToOpenRate: div(c.emailClicks, c.emailOpens),
  };
}

/**
 * The stand-in's bucket of channel number `c` starting at `t` (unix seconds): a smooth daily shape. Ads run on the
 * first five channels; email sends mail, social posts, web has sessions and purchases but no spend.
 */
export function pointAt(c, t) {
  const wave = 200 + 120 * Math.sin(t / 3600 + c);
  if (c === 5) {
    const sessions = Math.round(wave / 4);
    return kpi(0, 0, 0, 0, 2_000_000, { sessions, pageviews: sessions * 3, bounces: Math.round(sessions / 3), purchases: 1, newCustomers: 1 });
  }
  const impressions = Math.round(wave * (c + 1));
  const clicks = Math.round(impressions * (0.01 + 0.004 * c));
  const extra = c === 3 ? { emailsSent: 40, emailOpens: 10, emailClicks: 2 } : c === 2 ? { posts: 10, likes: 3, shares: 1 } : {};
  return kpi(impressions, clicks, Math.round(clicks / 10), impressions * 2500, clicks * 300000, extra);
}

/** Points for every channel over [from, to); `changed` (Map "channel t" → point) overrides buckets, as committed changes would. */
export function channelPoints(from, to, stepSeconds, changed = new Map()) {
  const start = Math.floor(Date.parse(from) / 1000 / stepSeconds) * stepSeconds;
  return CHANNELS.map((channel, c) => {
    const points = [];
    for (let t = start; t < Date.parse(to) / 1000; t += stepSeconds) {
      points.push({ bucketStart: new Date(t * 1000).toISOString(), ...(changed.get(`${channel} ${t}`) ?? pointAt(c, t)) });
    }
    return { dimension: { dimension: 'channel', id: channel, name: channel }, points };
  });
}

export function campaign(id, name, status = 'active', spentMicros = 12_500_000) {
  return {
    id, name, advertiser: 'acme', channel: 'display', bidType: 'cpm', bidMicros: 2_500_000,
    totalBudgetMicros: 50_000_000, dailyBudgetMicros: 10_000_000, pacing: 'even', startsAt: null, endsAt: null,
    targeting: { slots: ['s-1'], segments: ['sports'], geos: ['US'], devices: ['mobile'] },
    frequencyCap: { max: 3, perSeconds: 3600 },
    creatives: [{ id: 'cr-1', url: 'https://cdn.example/a.png', width: 300, height: 250 }],
    status, spentMicros, remainingMicros: 50_000_000 - spentMicros,
    counters: { impressions: 5000, clicks: 60, conversions: 6, revenueMicros: 40_000_000 },
  };
}

/**
 * Installs the stand-in on a browser context. `state.summary` and `state.previous` are what
 * /v1/kpi/summary answers. `push(state, channel, t, point)` commits a minute bucket: later channel
 * answers include it and every /v1/kpi/stream request (the client reconnects each time the stand-in
 * ends one) gets it as a `kpi` event.
 */
export async function installFixture(context, state) {
  const json = (route, body, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await context.route(/\/dashboard\/features$/, (route) => json(route, {
    cluster: true, clusterHistory: true, kpi: true, kpiStream: true, kpiTop: true, campaigns: true, campaignActions: true, alerts: false, views: true,
  }));
  state.changed ??= new Map();
  state.alerts ??= [];
  await context.route(/\/v1\/kpi\/summary\?/, (route) => json(route, {
    totals: state.summary, lifetime: { customers: 40, purchaseRevenueMicros: 1_000_000_000, clvMicros: 25_000_000 }, previous: state.previous && { totals: state.previous },
  }));
  await context.route(/\/v1\/kpi\/top\?/, (route) => {
    const url = new URL(route.request().url());
    const dimension = url.searchParams.get('dimension');
    json(route, { dimension, by: url.searchParams.get('by'), items: [1, 2].map((rank) => ({
      rank, item: { dimension, id: `${dimension}-${rank}`, name: `${dimension} ${rank}` }, value: 3 - rank, totals: kpi(1000 / rank, 10, 2, 5_000_000 / rank, 20_000_000 / rank) })) });
  });
  await context.route(/\/v1\/kpi\/channels\?/, (route) => {
    const url = new URL(route.request().url());
    const granularity = url.searchParams.get('granularity');
    const step = { minute: 60, hour: 3600, day: 86400 }[granularity];
    json(route, { granularity, channels: channelPoints(url.searchParams.get('from'), url.searchParams.get('to'), step, granularity === 'minute' ? state.changed : undefined) });
  });
  await context.route(/\/v1\/kpi\/campaigns\//, (route) => {
    const url = new URL(route.request().url());
    json(route, { campaignId: 'c-1', points: channelPoints(url.searchParams.get('from'), url.searchParams.get('to'), 3600)[0].points });
  });
  await context.route(/\/v1\/kpi\/stream(\?|$)/, (route) => {
    state.streams = (state.streams ?? 0) + 1;
    const events = [...state.changed].map(([key, values], i) => {
      const [channel, t] = key.split(' ');
      const change = { id: i + 1, dimension: 'channel', dimensionId: channel, granularity: 'minute', bucketStart: new Date(t * 1000).toISOString(), values };
      return `id: ${i + 1}\nevent: kpi\ndata: ${JSON.stringify(change)}\n\n`;
    }).concat(state.alerts.map((a) => `event: alert\ndata: ${JSON.stringify(a)}\n\n`));
    route.fulfill({ status: 200, contentType: 'text/event-stream', body: `retry: 1000\n\n${events.join('')}` });
  });
  await context.route(/\/v1\/campaigns$/, (route) => json(route, state.campaigns));
  await context.route(/\/v1\/campaigns\/[^/]+(\/(pause|resume|stop))?$/, (route) => {
    const [, id, , action] = new URL(route.request().url()).pathname.match(/\/v1\/campaigns\/([^/]+)(\/(pause|resume|stop))?$/);
    const found = state.campaigns.find((c) => c.id === decodeURIComponent(id));
    if (!found) return json(route, { title: 'Not Found', status: 404 }, 404);
    if (action) {
      found.status = { pause: 'paused', resume: 'active', stop: 'stopped' }[action];
      return route.fulfill({ status: 202 });
    }
    return json(route, found);
  });
}

/** Commits a new total for one minute bucket of a channel (see installFixture). */
export function push(state, channel, t, point) {
  state.changed.set(`${channel} ${t}`, point);
}
