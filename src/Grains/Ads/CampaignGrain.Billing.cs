using System.Globalization;

namespace AdOrleans.Grains.Ads;

/// <summary>
/// Billing: each eventId counts once, and only the first impression and the first click of an auction are
/// charged. The charge comes from the gateway, which took it from the signed tracking token. The gateway also gives
/// every token-bearing impression and click the eventId auctionId:type, so the stream receiver's durable dedupe drops
/// a re-fire of one auction even across restarts; these in-memory windows (forgotten on deactivation) are a second
/// line for the per-auction rule (see docs/ad-serving.md).
/// </summary>
public sealed partial class CampaignGrain
{
    /// <summary>Billing buckets older than this (behind the newest one) are closed and dropped from state.</summary>
    public const int BillingRetentionHours = 48;

    private static readonly TimeSpan DedupeWindow = TimeSpan.FromHours(2);
    private const int DedupeCapacity = 1_000_000;

    private readonly RecentIds _events = new(DedupeWindow, DedupeCapacity);
    private readonly RecentIds _billed = new(DedupeWindow, DedupeCapacity);

    private void Bill(TrackedEvent tracked)
    {
        if (State.Live is not { } live || !_events.TryAdd(tracked.EventId, tracked.ReceivedAt))
        {
            return;
        }

        var billable = tracked.Type is EventTypes.Impression or EventTypes.Click
            && tracked.AuctionId is not null
            && _billed.TryAdd(tracked.Type + ":" + tracked.AuctionId, tracked.ReceivedAt);
        if (!billable && tracked.Type != EventTypes.Conversion)
        {
            return;
        }

        var charge = billable ? tracked.ChargeMicros : 0;
        var (impressions, clicks, conversions) = tracked.Type switch
        {
            EventTypes.Impression => (1, 0, 0),
            EventTypes.Click => (0, 1, 0),
            _ => (0, 0, 1),
        };
        var day = DateOnly.FromDateTime(tracked.ReceivedAt.UtcDateTime);
        var spent = live.SpentMicros + charge;
        var status = live.Status is CampaignStatuses.Active or CampaignStatuses.Paused && live.Config.TotalBudgetMicros - spent < live.Config.MaxChargeMicros
            ? CampaignStatuses.Exhausted
            : live.Status;
        State.SetLive(live with
        {
            SpentMicros = spent,
            DailySpentMicros = live.SpentOn(day) + charge,
            SpendDay = day,
            Impressions = live.Impressions + impressions,
            Clicks = live.Clicks + clicks,
            Conversions = live.Conversions + conversions,
            Status = status,
            UpdatedAt = tracked.ReceivedAt,
        });
        AddToBill(tracked, new BillingCounts(impressions, clicks, conversions, charge));
    }

    /// <summary>Adds to the hour bucket of the event's arrival and emits the bucket's absolute totals (a replay rewrites the same row).</summary>
    private void AddToBill(TrackedEvent tracked, BillingCounts delta)
    {
        var creative = tracked.CreativeId ?? "";
        var hour = tracked.ReceivedAt.ToUnixTimeSeconds() / 3600 * 3600;
        var newest = State.Billing.Keys.Select(HourOf).DefaultIfEmpty(hour).Max();
        hour = Math.Max(hour, newest - (BillingRetentionHours - 1) * 3600L);
        var key = hour.ToString(CultureInfo.InvariantCulture) + "|" + creative;
        var total = State.Billing.TryGetValue(key, out var current)
            ? new BillingCounts(current.Impressions + delta.Impressions, current.Clicks + delta.Clicks,
                current.Conversions + delta.Conversions, current.SpendMicros + delta.SpendMicros)
            : delta;
        State.Billing[key] = total;
        if (hour > newest)
        {
            foreach (var old in State.Billing.Keys.Where(k => HourOf(k) <= hour - BillingRetentionHours * 3600L).ToList())
            {
                State.Billing.Remove(old);
            }
        }

        State.PendingRows.Add(new BillingRow(GrainKey, creative, DateTimeOffset.FromUnixTimeSeconds(hour), total));
    }

    private static long HourOf(string key) => long.Parse(key.AsSpan(0, key.IndexOf('|', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
}
