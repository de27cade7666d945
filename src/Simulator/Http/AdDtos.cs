namespace AdOrleans.Simulator.Http;

/// <summary>Request and response shapes of the ad and admin APIs, as API.md writes them.</summary>
public sealed record AuctionRequest(string SlotId, string UserId, string Geo, string Device, IReadOnlyList<string> Segments);

public sealed class AuctionResponse
{
    public string? AuctionId { get; set; }
    public string? CampaignId { get; set; }
    public string? CreativeId { get; set; }
    public string? CreativeUrl { get; set; }
    public long PriceMicros { get; set; }
    public string? ImpressionUrl { get; set; }
    public string? ClickUrl { get; set; }
}

public sealed record CampaignTargeting(IReadOnlyList<string> Slots, IReadOnlyList<string> Segments, IReadOnlyList<string> Geos, IReadOnlyList<string> Devices);

public sealed record FrequencyCap(int Max, int PerSeconds);

public sealed record Creative(string Id, string Url, int Width, int Height);

public sealed record CampaignRequest(
    string Id,
    string Name,
    string Advertiser,
    string Channel,
    string BidType,
    long BidMicros,
    long TotalBudgetMicros,
    long DailyBudgetMicros,
    string Pacing,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    CampaignTargeting Targeting,
    FrequencyCap? FrequencyCap,
    IReadOnlyList<Creative> Creatives);

public sealed record SlotRequest(long FloorMicros, int Width, int Height, string Auction);

public sealed record SegmentRequest(string Name, Dictionary<string, string> Rules);

/// <summary>Body of <c>POST /v1/cluster/stalls</c>: stall the partition holding <c>Key</c> for <c>Length</c>.</summary>
public sealed record PartitionStallRequest(string Key, TimeSpan Length);
