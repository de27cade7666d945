using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>Per-auction facts every candidate is checked against.</summary>
public sealed class EligibilityContext(AuctionInput input, DateTimeOffset now, AuctionIndex index)
{
    private Dictionary<string, bool>? _membership;

    public AuctionInput Input { get; } = input;

    public DateTimeOffset Now { get; } = now;

    public long NowMs { get; } = now.ToUnixTimeMilliseconds();

    public DateOnly Today { get; } = DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>Fraction of the UTC day elapsed, for even pacing.</summary>
    public double DayFraction { get; } = now.UtcDateTime.TimeOfDay.TotalSeconds / 86_400;

    /// <summary>Named in the request, or matching the segment's geo/device rules (memoised for this auction).</summary>
    public bool InSegment(string segmentId, ClickHistory clicks)
    {
        if (Input.Segments.Contains(segmentId, StringComparer.Ordinal))
        {
            return true;
        }

        _membership ??= new(StringComparer.Ordinal);
        if (!_membership.TryGetValue(segmentId, out var member))
        {
            member = index.Segment(segmentId) is { Rules: { IsEmpty: false } rules } && Matches(rules, clicks);
            _membership[segmentId] = member;
        }

        return member;
    }

    private bool Matches(SegmentRules rules, ClickHistory clicks) =>
        (rules.Geos.Count == 0 || (Input.Geo is { } geo && rules.Geos.Contains(geo, StringComparer.OrdinalIgnoreCase)))
        && (rules.Devices.Count == 0 || (Input.Device is { } device && rules.Devices.Contains(device, StringComparer.OrdinalIgnoreCase)))
        && (rules.Clicked is null || (Input.UserId is { } user && clicks.ClickedSince(user, rules.Clicked.Channel, Now.AddDays(-rules.Clicked.WithinDays))));
}

/// <summary>
/// Who may bid: active and in flight, targeting matches, this gateway's budget lease can pay, frequency cap not reached.
/// </summary>
public sealed class Eligibility(FrequencyCounter frequency, ClickHistory clicks)
{
    public bool Allows(IndexedCampaign campaign, CampaignLive live, EligibilityContext context)
    {
        var config = campaign.Config;
        if (live.Status != CampaignStatuses.Active
            || (config.StartsAt is { } start && context.Now < start)
            || (config.EndsAt is { } end && context.Now >= end))
        {
            return false;
        }

        var input = context.Input;
        if ((campaign.Geos.Count > 0 && (input.Geo is null || !campaign.Geos.Contains(input.Geo)))
            || (campaign.Devices.Count > 0 && (input.Device is null || !campaign.Devices.Contains(input.Device)))
            || (campaign.Segments.Length > 0 && !InAnySegment(campaign.Segments, context)))
        {
            return false;
        }

        return HasBudget(campaign, context) && FrequencyAllows(config, context);
    }

    private bool InAnySegment(string[] segments, EligibilityContext context)
    {
        foreach (var segment in segments)
        {
            if (context.InSegment(segment, clicks))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The campaign can pay one more maximal charge out of this gateway's budget lease. Total and daily budgets and
    /// even pacing are enforced by the campaign grain when it grants the lease (docs/ad-serving.md, "Budget leases").
    /// </summary>
    private static bool HasBudget(IndexedCampaign campaign, EligibilityContext context)
    {
        campaign.Lease.NoteDemand(context.NowMs);
        return campaign.Lease.CanPay(campaign.Config.MaxChargeMicros, context.NowMs);
    }

    private bool FrequencyAllows(CampaignConfig config, EligibilityContext context) =>
        config.FrequencyCap is not { } cap
        || context.Input.UserId is not { } user
        || frequency.Count(user, config.Id, cap.PerSeconds, context.NowMs) < cap.Max;
}
