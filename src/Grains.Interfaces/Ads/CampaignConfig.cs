namespace AdOrleans.Grains;

/// <summary>What an advertiser asked for (API.md "Campaign"); fixed once the campaign is created.</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignConfig
{
    [Id(0)]
    public required string Id { get; init; }

    [Id(1)]
    public required string Name { get; init; }

    [Id(2)]
    public required string Advertiser { get; init; }

    [Id(3)]
    public required string Channel { get; init; }

    /// <summary><see cref="BidTypes.Cpm"/> or <see cref="BidTypes.Cpc"/>.</summary>
    [Id(4)]
    public required string BidType { get; init; }

    /// <summary>CPM bid (per 1000 impressions) or CPC bid (per click).</summary>
    [Id(5)]
    public long BidMicros { get; init; }

    [Id(6)]
    public long TotalBudgetMicros { get; init; }

    /// <summary>0 means no daily limit.</summary>
    [Id(7)]
    public long DailyBudgetMicros { get; init; }

    [Id(8)]
    public required string Pacing { get; init; }

    [Id(9)]
    public DateTimeOffset? StartsAt { get; init; }

    [Id(10)]
    public DateTimeOffset? EndsAt { get; init; }

    [Id(11)]
    public CampaignTargeting Targeting { get; init; } = new();

    [Id(12)]
    public FrequencyCap? FrequencyCap { get; init; }

    [Id(13)]
    public IReadOnlyList<Creative> Creatives { get; init; } = [];

    /// <summary>Advertiser domains (OpenRTB <c>adomain</c>), matched against a bid request's <c>badv</c>.</summary>
    [Id(14)]
    public IReadOnlyList<string> Adomain { get; init; } = [];

    /// <summary>IAB content categories of the ads (OpenRTB <c>cat</c>), matched against a bid request's <c>bcat</c>.</summary>
    [Id(15)]
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>OpenRTB deals (<c>pmp.deals[].id</c>) this campaign may bid in.</summary>
    [Id(16)]
    public IReadOnlyList<string> DealIds { get; init; } = [];

    /// <summary>App store id of the advertised app, if any (OpenRTB <c>bundle</c>), matched against a bid request's <c>bapp</c>.</summary>
    [Id(17)]
    public string? AppBundle { get; init; }

    /// <summary>The most one billable event can cost: a CPM impression at the bid, or a CPC click at the bid.</summary>
    public long MaxChargeMicros => BidType == BidTypes.Cpm ? Math.Max(1, BidMicros / 1000) : BidMicros;
}

/// <summary>Empty lists mean "any".</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignTargeting
{
    [Id(0)]
    public IReadOnlyList<string> Slots { get; init; } = [];

    [Id(1)]
    public IReadOnlyList<string> Segments { get; init; } = [];

    [Id(2)]
    public IReadOnlyList<string> Geos { get; init; } = [];

    [Id(3)]
    public IReadOnlyList<string> Devices { get; init; } = [];
}

[GenerateSerializer, Immutable]
public sealed record FrequencyCap([property: Id(0)] int Max, [property: Id(1)] int PerSeconds);

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
