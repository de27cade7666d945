namespace AdOrleans.Grains;

/// <summary>What an advertiser asked for (API.md "Campaign"); fixed once the campaign is created.</summary>
public sealed record CampaignConfig
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Advertiser { get; init; }

    public required string Channel { get; init; }

    /// <summary><see cref="BidTypes.Cpm"/> or <see cref="BidTypes.Cpc"/>.</summary>
    public required string BidType { get; init; }

    /// <summary>CPM bid (per 1000 impressions) or CPC bid (per click).</summary>
    public long BidMicros { get; init; }

    public long TotalBudgetMicros { get; init; }

    /// <summary>0 means no daily limit.</summary>
    public long DailyBudgetMicros { get; init; }

    public required string Pacing { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public CampaignTargeting Targeting { get; init; } = new();

    public FrequencyCap? FrequencyCap { get; init; }

    public IReadOnlyList<Creative> Creatives { get; init; } = [];

    /// <summary>The most one billable event can cost: a CPM impression at the bid, or a CPC click at the bid.</summary>
    public long MaxChargeMicros => BidType == BidTypes.Cpm ? Math.Max(1, BidMicros / 1000) : BidMicros;
}

/// <summary>Empty lists mean "any".</summary>
public sealed record CampaignTargeting
{
    public IReadOnlyList<string> Slots { get; init; } = [];

    public IReadOnlyList<string> Segments { get; init; } = [];

    public IReadOnlyList<string> Geos { get; init; } = [];

    public IReadOnlyList<string> Devices { get; init; } = [];
}

public sealed record FrequencyCap(int Max, int PerSeconds);

/// <summary>An ad. <see cref="LandingUrl"/> is where a click goes (defaults to <see cref="Url"/>).</summary>
public sealed record Creative(string Id, string Url, int Width, int Height, string? LandingUrl = null);

public static class BidTypes
{
    public const string Cpm = "cpm";
    public const string Cpc = "cpc";
}

public static class PacingModes
{
    public const string Asap = "asap";
    public const string Even = "even";
}

public static class CampaignStatuses
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Stopped = "stopped";
    public const string Exhausted = "exhausted";
    public const string Scheduled = "scheduled";
    public const string Ended = "ended";

    /// <summary>
    /// The status clients see: a stored <c>active</c> or <c>paused</c> campaign outside its flight dates is
    /// <c>scheduled</c> (before) or <c>ended</c> (after). Computed on read, so no timer has to flip it.
    /// </summary>
    public static string Effective(string stored, CampaignConfig config, DateTimeOffset now) => stored switch
    {
        Active or Paused when config.EndsAt is { } end && now >= end => Ended,
        Active when config.StartsAt is { } start && now < start => Scheduled,
        _ => stored,
    };
}
