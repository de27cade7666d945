namespace AdOrleans.AdServing.Tests;

public sealed record CampaignDto(string Id, string Status, long SpentMicros, long RemainingMicros, long Impressions, long Clicks, long Conversions, long LeasedMicros = 0);

public sealed record SlotDto(string Id, long FloorMicros, string Auction);

public sealed record AuctionDto(string AuctionId, string CampaignId, string CreativeId, string CreativeUrl, long PriceMicros, string ImpressionUrl, string ClickUrl)
{
    public string Token => System.Web.HttpUtility.ParseQueryString(new Uri(ImpressionUrl).Query)["token"]!;
}

public sealed record BillingLineDto(string CampaignId, string CreativeId, long Impressions, long Clicks, long Conversions, long SpendMicros);

public sealed record BillingDto(List<BillingLineDto> Lines, BillingLineDto Total);

internal static class Campaigns
{
    public static object Cpm(string id, long bid, string? slot = null, long total = 50_000_000, object? targeting = null,
        object? frequencyCap = null, string bidType = "cpm", long daily = 0, string pacing = "asap") => new
    {
        id,
        name = "Campaign " + id,
        advertiser = "acme",
        channel = "display",
        bidType,
        bidMicros = bid,
        totalBudgetMicros = total,
        dailyBudgetMicros = daily,
        pacing,
        targeting = targeting ?? new { slots = slot is null ? Array.Empty<string>() : [slot] },
        frequencyCap,
        creatives = new[] { new { id = id + "-cr", url = "https://cdn.example/" + id + ".png", width = 300, height = 250 } },
    };
}
