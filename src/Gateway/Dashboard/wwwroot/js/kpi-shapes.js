// Reads KPI API answers into the few shapes the views use. API.md fixes each point's fields
// (impressions … roas, ratios null when the denominator is 0) but not the envelope, so the
// readers accept the plausible envelopes; this is the one file to adjust if the KPI API differs.
export const COUNTS = ['impressions', 'clicks', 'conversions', 'spendMicros', 'revenueMicros', 'purchases', 'newCustomers',
  'pageviews', 'sessions', 'bounces', 'posts', 'likes', 'shares', 'comments', 'emailsSent', 'emailOpens', 'emailClicks'];
export const CHANNELS = ['display', 'search', 'social', 'email', 'video', 'web'];
const TIME_FIELDS = ['at', 'time', 'timestamp', 'bucket', 'bucketStart', 'windowStart', 'start', 'from', 'period'];

export function listOf(body, ...keys) {
  if (Array.isArray(body)) return body;
  for (const key of [...keys, 'items', 'data', 'results']) {
    if (Array.isArray(body?.[key])) return body[key];
  }
  return [];
}

/** Unix seconds of a point's window start, or null. */
export function pointTime(point) {
  for (const field of TIME_FIELDS) {
    const value = point?.[field];
    if (value == null) continue;
    if (typeof value === 'number') return value > 1e11 ? value / 1000 : value;
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms / 1000;
  }
  return null;
}

/**
 * Ratios from counts, exactly as API.md and docs/kpi.md define them: null where the denominator is 0,
 * money ratios in whole micros rounded half away from zero (counts are never negative).
 */
export function withRatios(k) {
  const div = (a, b) => (b ? a / b : null);
  const micros = (a, b) => (b ? Math.round(a / b) : null);
  return {
    ...k,
    ctr: k.ctr !== undefined ? k.ctr : div(k.clicks, k.impressions),
    cvr: k.cvr !== undefined ? k.cvr : div(k.conversions, k.clicks),
    cpaMicros: k.cpaMicros !== undefined ? k.cpaMicros : micros(k.spendMicros, k.conversions),
    cpcMicros: k.cpcMicros !== undefined ? k.cpcMicros : micros(k.spendMicros, k.clicks),
    cpmMicros: k.cpmMicros !== undefined ? k.cpmMicros : micros(k.spendMicros * 1000, k.impressions),
    roas: k.roas !== undefined ? k.roas : div(k.adRevenueMicros ?? k.revenueMicros, k.spendMicros),
    cacMicros: k.cacMicros !== undefined ? k.cacMicros : micros(k.spendMicros, k.newCustomers),
    bounceRate: k.bounceRate !== undefined ? k.bounceRate : div(k.bounces, k.sessions),
    engagementRate: k.engagementRate !== undefined ? k.engagementRate : div((k.likes ?? 0) + (k.shares ?? 0) + (k.comments ?? 0), k.posts),
    openRate: k.openRate !== undefined ? k.openRate : div(k.emailOpens, k.emailsSent),
    clickToOpenRate: k.clickToOpenRate !== undefined ? k.clickToOpenRate : div(k.emailClicks, k.emailOpens),
  };
}

/** Adds up points' counts and recomputes the ratios of the total (ratios do not add). */
export function total(points) {
  const sum = Object.fromEntries(COUNTS.map((f) => [f, 0]));
  for (const p of points) for (const f of COUNTS) sum[f] += Number(p?.[f] ?? 0);
  return withRatios(sum);
}

const RATIOS = ['ctr', 'cvr', 'cpcMicros', 'cpmMicros', 'cpaMicros', 'roas', 'cacMicros', 'bounceRate', 'engagementRate', 'openRate', 'clickToOpenRate'];

function kpisOf(obj, lifetime) {
  const inner = obj?.kpis ?? obj?.totals ?? obj?.summary ?? obj?.current ?? obj;
  if (!inner || typeof inner !== 'object' || !COUNTS.some((f) => inner[f] != null)) return null;
  const k = {};
  for (const f of COUNTS) k[f] = Number(inner[f] ?? 0);
  for (const f of RATIOS) if (f in inner) k[f] = inner[f];
  if (inner.adRevenueMicros != null) k.adRevenueMicros = inner.adRevenueMicros;
  k.clvMicros = lifetime?.clvMicros ?? null;
  return withRatios(k);
}

/**
 * `/v1/kpi/summary?compare=previous` → { current, previous } (previous null when absent). The current period
 * carries the lifetime CLV (the previous one has none: its lifetime is not in the answer).
 */
export function summaryOf(body) {
  return { current: kpisOf(body, body?.lifetime), previous: kpisOf(body?.previous ?? body?.comparison ?? body?.compare) };
}

function sortedPoints(points) {
  return points.map((p) => ({ ...p, t: pointTime(p) })).filter((p) => p.t != null).sort((a, b) => a.t - b.t);
}

/** `/v1/kpi/channels` → Map(channel → points sorted by time, each with `t` in seconds). */
export function channelSeries(body) {
  const result = new Map();
  const add = (channel, points) => {
    if (!channel) return;
    result.set(channel, sortedPoints([...(result.get(channel) ?? []), ...points]));
  };
  const series = body?.series ?? body?.channels ?? body;
  if (series && !Array.isArray(series) && typeof series === 'object' && !('points' in series)) {
    for (const [channel, points] of Object.entries(series)) if (Array.isArray(points)) add(channel, points);
    return result;
  }
  const items = listOf(series, 'points');
  for (const item of items) {
    if (Array.isArray(item.points)) add(item.channel ?? item.dimension?.id ?? item.name ?? item.id, item.points);
    else add(item.channel, [item]);
  }
  return result;
}

/** `/v1/kpi/campaigns/{id}` → points sorted by time. */
export function campaignSeries(body) {
  return sortedPoints(listOf(body, 'points', 'series', 'windows'));
}

/**
 * One `kpi` event of /v1/kpi/stream → { channel, t, point } when it is a channel bucket of the given
 * granularity (its committed totals, summed over sources), else null. Other dimensions are skipped:
 * every event also changes its channel's bucket.
 */
export function channelChange(data, granularity) {
  let change;
  try {
    change = JSON.parse(data);
  } catch {
    return null;
  }
  if (change?.dimension !== 'channel' || change.granularity !== granularity || !change.values) return null;
  const t = Date.parse(change.bucketStart) / 1000;
  return Number.isNaN(t) || !change.dimensionId ? null : { channel: change.dimensionId, t, point: change.values };
}
