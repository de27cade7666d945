// A stand-in for the KPI and campaigns APIs, answering in API.md's shapes through Playwright's
// request interception, so the front end's handling of them is tested before those APIs exist
// on this branch. Everything else (sign-in, cluster) still goes to the real service.
export const CHANNELS = ['display', 'search', 'social', 'email', 'video'];

export function kpi(impressions, clicks, conversions, spendMicros, revenueMicros) {
  const div = (a, b) => (b ? a / b : null);
  return {
    impressions, clicks, conversions, spendMicros, revenueMicros,
    ctr: div(clicks, impressions), cvr: div(conversions, clicks),
    cpcMicros: clicks ? Math.floor(spendMicros / clicks) : null,
    cpmMicros: impressions ? Math.floor((spendMicros * 1000) / impressions) : null,
    cpaMicros: conversions ? Math.floor(spendMicros / conversions) : null,
    roas: div(revenueMicros, spendMicros),
  };
}

/** Minute points for every channel over [from, to), with a smooth daily shape. */
export function channelPoints(from, to, stepSeconds) {
  const start = Math.floor(Date.parse(from) / 1000 / stepSeconds) * stepSeconds;
  return CHANNELS.map((channel, c) => {
    const points = [];
    for (let t = start; t < Date.parse(to) / 1000; t += stepSeconds) {
      const impressions = Math.round((200 + 120 * Math.sin(t / 3600 + c)) * (c + 1));
      const clicks = Math.round(impressions * (0.01 + 0.004 * c));
      points.push({ at: new Date(t * 1000).toISOString(), ...kpi(impressions, clicks, Math.round(clicks / 10), impressions * 2500, clicks * 300000) });
    }
    return { channel, points };
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
 * Installs the stand-in on a browser context. `state.summary` is what /v1/kpi/summary answers
 * (tests change it to make a live change); each /v1/kpi/stream request gets one `kpi` event.
 */
export async function installFixture(context, state) {
  const json = (route, body, status = 200) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await context.route(/\/dashboard\/features$/, (route) => json(route, {
    cluster: true, clusterHistory: true, kpi: true, kpiStream: true, kpiTop: true, campaigns: true, campaignActions: true, alerts: false,
  }));
  await context.route(/\/v1\/kpi\/summary\?/, (route) => json(route, { ...state.summary, previous: state.previous }));
  await context.route(/\/v1\/kpi\/channels\?/, (route) => {
    const url = new URL(route.request().url());
    const step = { minute: 60, hour: 3600, day: 86400 }[url.searchParams.get('granularity')];
    json(route, { granularity: url.searchParams.get('granularity'), channels: channelPoints(url.searchParams.get('from'), url.searchParams.get('to'), step) });
  });
  await context.route(/\/v1\/kpi\/campaigns\//, (route) => {
    const url = new URL(route.request().url());
    json(route, { campaignId: 'c-1', points: channelPoints(url.searchParams.get('from'), url.searchParams.get('to'), 3600)[0].points });
  });
  await context.route(/\/v1\/kpi\/stream$/, (route) => {
    state.streams = (state.streams ?? 0) + 1;
    route.fulfill({ status: 200, contentType: 'text/event-stream', body: `id: ${state.streams}\nevent: kpi\ndata: {"channel":"display"}\n\n` });
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
