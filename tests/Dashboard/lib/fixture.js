// A stand-in for the KPI and campaigns APIs, answering in the real APIs' shapes (API.md, docs/kpi.md)
// through Playwright's request interception, so the front end can be driven with exact, crafted
// answers. Everything else (sign-in, cluster) still goes to the real service.
export const CHANNELS = ['display', 'search', 'social', 'email', 'video'];

export function kpi(impressions, clicks, conversions, spendMicros, revenueMicros) {
  const div = (a, b) => (b ? a / b : null);
  return {
    impressions, clicks, conversions, spendMicros, revenueMicros,
    ctr: div(clicks, impressions), cvr: div(conversions, clicks),
    cpcMicros: clicks ? Math.round(spendMicros / clicks) : null,
    cpmMicros: impressions ? Math.round((spendMicros * 1000) / impressions) : null,
    cpaMicros: conversions ? Math.round(spendMicros / conversions) : null,
    roas: div(revenueMicros, spendMicros),
  };
}

/** The stand-in's bucket of channel number `c` starting at `t` (unix seconds): a smooth daily shape. */
export function pointAt(c, t) {
  const impressions = Math.round((200 + 120 * Math.sin(t / 3600 + c)) * (c + 1));
  const clicks = Math.round(impressions * (0.01 + 0.004 * c));
  return kpi(impressions, clicks, Math.round(clicks / 10), impressions * 2500, clicks * 300000);
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
    cluster: true, clusterHistory: true, kpi: true, kpiStream: true, kpiTop: true, campaigns: true, campaignActions: true, alerts: false,
  }));
  state.changed ??= new Map();
  await context.route(/\/v1\/kpi\/summary\?/, (route) => json(route, { totals: state.summary, previous: state.previous && { totals: state.previous } }));
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
    });
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
