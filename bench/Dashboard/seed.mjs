// Real KPI data for the dashboard benchmark: 24 h of minute buckets for 6 channels, posted through
// POST /v1/events/batch with occurredAt spread over the last 24 h, and one live event a second.
// Conversions and purchases carry no tracking token (impressions and clicks need a won auction,
// whose time cannot be backdated), so the benchmark charts conversions and revenue; without a click's token, money
// events that name a campaign need a key that vouches for it, so they go with the admin key.
import { ADMIN_KEY, call } from '../../tests/Dashboard/lib/service.js';

export const CHANNELS = ['display', 'search', 'social', 'email', 'video', 'web'];
const MINUTE = 60_000;
let sequence = 0;

function event(channel, c, at, type, valueMicros) {
  return { eventId: `bench-${process.pid}-${sequence++}`, type, channel, campaignId: `c-bench-${channel}`,
    userId: `u-${sequence % 97}`, valueMicros, occurredAt: new Date(at).toISOString() };
}

/** Events of one minute of one channel: a daily curve, so the chart has a shape (1 to 5 events). */
function minuteEvents(channel, c, at) {
  const wave = Math.sin(at / 3_600_000 / 4 + c);
  const conversions = 1 + Math.round(2 + 2 * wave);
  const events = [];
  for (let i = 0; i < conversions; i++) events.push(event(channel, c, at + i * 1000, 'conversion', 1_000_000 * (c + 1) + i * 250_000));
  return events;
}

async function post(service, events) {
  const { status, body } = await call(service, '/v1/events/batch', { key: ADMIN_KEY, method: 'POST', body: { events } });
  if (status !== 202) throw new Error(`POST /v1/events/batch answered ${status}: ${JSON.stringify(body).slice(0, 400)}`);
}

/** Posts 24 h of minute data (every minute of every channel has data) in time order; returns the event count. */
export async function seedDay(service, now = Date.now()) {
  const first = Math.floor(now / MINUTE) * MINUTE - 1439 * MINUTE;
  let batch = [];
  let sent = 0;
  for (let at = first; at <= now; at += MINUTE) {
    CHANNELS.forEach((channel, c) => batch.push(...minuteEvents(channel, c, Math.min(at, now - 5000))));
    if (batch.length >= 900) {
      await post(service, batch);
      sent += batch.length;
      batch = [];
    }
  }
  if (batch.length) await post(service, batch);
  return sent + batch.length;
}

/** Waits until the 24 h channel series holds `minutes` points per channel (the events are committed and rolled up). */
export async function waitForDay(service, minutes = 1440, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const to = new Date(Math.ceil(Date.now() / MINUTE) * MINUTE);
    const from = new Date(to - 86_400_000);
    const { body } = await call(service, `/v1/kpi/channels?from=${from.toISOString()}&to=${to.toISOString()}&granularity=minute`);
    const counts = CHANNELS.map((c) => body?.channels?.find((s) => s.dimension?.id === c)?.points?.length ?? 0);
    if (counts.every((n) => n >= minutes - 1)) return counts;
    if (Date.now() > deadline) throw new Error(`24 h of data not rolled up in ${timeoutMs} ms: ${counts.join(', ')} points`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Posts one conversion a second on a rotating channel until stopped: a committed change each second. */
export function liveChanges(service) {
  let stopped = false;
  let count = 0;
  const loop = (async () => {
    while (!stopped) {
      const c = count++ % CHANNELS.length;
      await post(service, [event(CHANNELS[c], c, Date.now(), 'conversion', 1_500_000)]);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return { stop: async () => { stopped = true; await loop; return count; } };
}
