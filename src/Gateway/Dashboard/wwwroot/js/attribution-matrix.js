// The Attribution page's numbers, without DOM: every channel's credited conversions, revenue and ROAS under each model
// of GET /v1/attribution/compare, with spend per channel from GET /v1/budget/recommendations (ad channels only).
import { CHANNELS } from './kpi-shapes.js';

export const MODEL_LABELS = {
  'last-click': 'Last click', 'first-click': 'First click', linear: 'Linear', 'time-decay': 'Time decay',
  'position-based': 'Position based', markov: 'Markov removal',
};

const roas = (revenueMicros, spendMicros) => (spendMicros > 0 ? revenueMicros / spendMicros : null);
const rank = (channel) => (CHANNELS.includes(channel) ? CHANNELS.indexOf(channel) : CHANNELS.length);

/**
 * { models, rows: [{ channel, spendMicros, credits: { [model]: { conversions, revenueMicros, roas } } }], total } —
 * a row per channel any model credits (fixed channel order, then others such as `direct` by name); `total` is each
 * model's whole window (every model splits the same conversions and revenue), its ROAS the revenue credited to
 * channels with spend over all spend.
 */
export function creditMatrix(comparison, spendByChannel = new Map()) {
  const reports = comparison?.models ?? [];
  const models = reports.map((r) => r.model);
  const channels = [...new Set(reports.flatMap((r) => r.channels.map((c) => c.channel)))]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const totalSpend = [...spendByChannel.values()].reduce((sum, s) => sum + s, 0);
  const rows = channels.map((channel) => {
    const spendMicros = spendByChannel.get(channel) ?? null;
    const credits = Object.fromEntries(reports.map((r) => {
      const credit = r.channels.find((c) => c.channel === channel);
      const conversions = Number(credit?.conversions ?? 0);
      const revenueMicros = Number(credit?.revenueMicros ?? 0);
      return [r.model, { conversions, revenueMicros, roas: roas(revenueMicros, spendMicros) }];
    }));
    return { channel, spendMicros, credits };
  });
  const total = {
    channel: 'Total',
    spendMicros: spendByChannel.size ? totalSpend : null,
    credits: Object.fromEntries(reports.map((r) => {
      const adRevenue = rows.filter((row) => row.spendMicros > 0).reduce((sum, row) => sum + row.credits[r.model].revenueMicros, 0);
      return [r.model, { conversions: Number(r.conversions), revenueMicros: Number(r.revenueMicros), roas: roas(adRevenue, totalSpend) }];
    })),
  };
  return { models, rows, total };
}

/** Spend per channel from a budget recommendations answer (its `channels`), for ROAS. */
export function spendOf(recommendations) {
  return new Map((recommendations?.channels ?? []).map((c) => [c.channel, Number(c.spendMicros)]));
}
