namespace AdOrleans.Simulator.Generation;

/// <summary>A campaign as the simulator knows it: its admin-API identity plus how simulated users react to it.</summary>
public sealed record SimCampaign(
    string Id,
    string Name,
    string Advertiser,
    string Channel,
    string BidType,
    long BidMicros,
    IReadOnlyList<string> Slots,
    double Ctr,
    double Cvr,
    long ConversionMedianMicros,
    IReadOnlyList<string>? TargetSegments = null,
    IReadOnlyList<string>? TargetDevices = null);

public sealed record SimSlot(string Id, long FloorMicros, int Width, int Height, string Auction);

public sealed record SimSegment(string Id, string Name);

/// <summary>
/// What the simulator creates on an empty system; ids are stable so reruns reuse them. Targeting is chosen so that
/// every campaign wins somewhere: the CPC campaigns (whose predicted eCPM beats every CPM bid) only bid for their
/// segment, the phone launch only on mobile.
/// </summary>
public static class Catalog
{
    public static readonly IReadOnlyList<SimSegment> Segments =
        [new("sports", "Sports fans"), new("travel", "Travellers"), new("tech", "Tech enthusiasts"), new("fashion", "Fashion")];

    public static readonly IReadOnlyList<SimSlot> Slots =
    [
        new("sim-s-home-top", 500_000, 728, 90, "second-price"),
        new("sim-s-article", 300_000, 300, 250, "second-price"),
        new("sim-s-sidebar", 200_000, 160, 600, "first-price"),
        new("sim-s-app-banner", 400_000, 320, 50, "second-price"),
        new("sim-s-video-pre", 1_500_000, 640, 360, "second-price"),
    ];

    public static readonly IReadOnlyList<SimCampaign> Campaigns =
    [
        new("sim-c-winter-sale", "Winter sale", "acme", "display", "cpm", 2_500_000, ["sim-s-home-top", "sim-s-article"], 0.012, 0.05, 60_000_000),
        new("sim-c-running-shoes", "Running shoes", "stride", "display", "cpm", 1_800_000, ["sim-s-article", "sim-s-sidebar"], 0.008, 0.04, 95_000_000),
        new("sim-c-city-breaks", "City breaks", "wanderly", "display", "cpc", 900_000, ["sim-s-home-top", "sim-s-sidebar"], 0.02, 0.03, 240_000_000, TargetSegments: ["travel"]),
        new("sim-c-phone-launch", "Phone launch", "novatel", "search", "cpm", 3_200_000, ["sim-s-app-banner", "sim-s-home-top"], 0.015, 0.02, 450_000_000, TargetDevices: ["mobile"]),
        new("sim-c-streaming", "Streaming trial", "flixly", "video", "cpm", 6_000_000, ["sim-s-video-pre"], 0.006, 0.08, 12_000_000),
        new("sim-c-fashion-week", "Fashion week", "modea", "social", "cpc", 700_000, ["sim-s-article", "sim-s-app-banner"], 0.025, 0.035, 70_000_000, TargetSegments: ["fashion"]),
    ];
}
