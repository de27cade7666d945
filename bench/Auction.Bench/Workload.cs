using AdOrleans.Grains;

namespace AdOrleans.Auction.Bench;

/// <summary>The benchmark's market: 1,000 slots; 10,000 CPM/CPC campaigns each targeting 10 random slots, some geos and devices.</summary>
internal static class Workload
{
    public const int Slots = 1000;
    public const int CampaignCount = 10_000;
    public static readonly string[] Geos = ["US", "DE", "FR", "GB", "JP"];
    public static readonly string[] Devices = ["mobile", "desktop", "tablet"];

    public static IEnumerable<SlotConfig> SlotConfigs() => Enumerable.Range(0, Slots).Select(i => new SlotConfig
    {
        Id = $"s-{i}", FloorMicros = 100_000, Width = 300, Height = 250, Auction = i % 2 == 0 ? AuctionKinds.SecondPrice : AuctionKinds.FirstPrice,
    });

    public static IEnumerable<CampaignConfig> Campaigns(int seed = 42)
    {
        var random = new Random(seed);
        for (var i = 0; i < CampaignCount; i++)
        {
            var cpc = i % 5 == 0;
            yield return new CampaignConfig
            {
                Id = $"c-{i}", Name = $"Campaign {i}", Advertiser = "bench", Channel = "display",
                BidType = cpc ? BidTypes.Cpc : BidTypes.Cpm, BidMicros = cpc ? random.Next(50_000, 400_000) : random.Next(200_000, 5_000_000),
                TotalBudgetMicros = 1_000_000_000_000, Pacing = PacingModes.Asap,
                Targeting = new CampaignTargeting
                {
                    Slots = [.. Enumerable.Range(0, 10).Select(_ => $"s-{random.Next(Slots)}").Distinct()],
                    Geos = random.Next(3) == 0 ? [Geos[random.Next(Geos.Length)]] : [],
                    Devices = random.Next(3) == 0 ? [Devices[random.Next(Devices.Length)]] : [],
                },
                Creatives = [new Creative($"cr-{i}", $"https://cdn.example/{i}.png", 300, 250)],
            };
        }
    }

    public static string AuctionBody(Random random) =>
        $$"""{"slotId":"s-{{random.Next(Slots)}}","userId":"u-{{random.Next(1_000_000)}}","geo":"{{Geos[random.Next(Geos.Length)]}}","device":"{{Devices[random.Next(Devices.Length)]}}"}""";
}
