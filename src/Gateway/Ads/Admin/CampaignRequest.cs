using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Admin;

/// <summary>POST /v1/campaigns body. Everything is nullable so validation can name every missing field.</summary>
public sealed class CampaignRequest
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Advertiser { get; set; }

    public string? Channel { get; set; }

    public string? BidType { get; set; }

    public long? BidMicros { get; set; }

    public long? TotalBudgetMicros { get; set; }

    public long? DailyBudgetMicros { get; set; }

    public string? Pacing { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public TargetingRequest? Targeting { get; set; }

    public FrequencyCap? FrequencyCap { get; set; }

    public List<CreativeRequest?>? Creatives { get; set; }

    public List<string?>? Adomain { get; set; }

    public List<string?>? Categories { get; set; }

    public List<string?>? DealIds { get; set; }

    public string? AppBundle { get; set; }
}

public sealed class TargetingRequest
{
    public List<string?>? Slots { get; set; }

    public List<string?>? Segments { get; set; }

    public List<string?>? Geos { get; set; }

    public List<string?>? Devices { get; set; }
}

public sealed class CreativeRequest
{
    public string? Id { get; set; }

    public string? Url { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public string? LandingUrl { get; set; }

    /// <summary>banner (default), video or native.</summary>
    public string? Format { get; set; }

    public string? VastUrl { get; set; }

    public string? VastXml { get; set; }

    public int? DurationSeconds { get; set; }

    public List<string?>? Mimes { get; set; }

    public string? Title { get; set; }

    public string? ImageUrl { get; set; }

    public string? SponsoredBy { get; set; }
}

/// <summary>A campaign as the API shows it: its configuration and live figures, flattened (API.md "Campaign").</summary>
public sealed record CampaignView(
    string Id, string Name, string Advertiser, string Channel, string BidType, long BidMicros,
    long TotalBudgetMicros, long DailyBudgetMicros, string Pacing, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    CampaignTargeting Targeting, FrequencyCap? FrequencyCap, IReadOnlyList<Creative> Creatives,
    IReadOnlyList<string> Adomain, IReadOnlyList<string> Categories, IReadOnlyList<string> DealIds, string? AppBundle,
    string Status, long SpentMicros, long RemainingMicros, long DailySpentMicros,
    long Impressions, long Clicks, long Conversions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long LeasedMicros)
{
    public static CampaignView From(CampaignLive live, DateTimeOffset now)
    {
        var c = live.Config;
        return new CampaignView(c.Id, c.Name, c.Advertiser, c.Channel, c.BidType, c.BidMicros, c.TotalBudgetMicros, c.DailyBudgetMicros,
            c.Pacing, c.StartsAt, c.EndsAt, c.Targeting, c.FrequencyCap, c.Creatives,
            c.Adomain, c.Categories, c.DealIds, c.AppBundle,
            CampaignStatuses.Effective(live.Status, c, now), live.SpentMicros, live.RemainingMicros,
            live.SpentOn(DateOnly.FromDateTime(now.UtcDateTime)), live.Impressions, live.Clicks, live.Conversions, live.CreatedAt, live.UpdatedAt,
            live.LeasedMicros);
    }
}
