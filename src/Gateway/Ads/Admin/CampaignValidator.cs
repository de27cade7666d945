using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Admin;

/// <summary>Checks a campaign request and builds its configuration; reports every problem at once.</summary>
public static class CampaignValidator
{
    /// <summary>1,000 currency units per thousand impressions or per click: anything above is a typo.</summary>
    public const long MaxBidMicros = 1_000_000_000;

    /// <summary>A billion currency units.</summary>
    public const long MaxBudgetMicros = 1_000_000_000_000_000;

    private static readonly HashSet<string> CampaignChannels = ["display", "search", "social", "email", "video"];

    public static CampaignConfig? Validate(CampaignRequest r, Dictionary<string, string[]> e)
    {
        Ids.Check(r.Id, "id", e, required: true);
        Text(r.Name, "name", e);
        Text(r.Advertiser, "advertiser", e);
        OneOf(r.Channel, "channel", CampaignChannels, e);
        OneOf(r.BidType, "bidType", [BidTypes.Cpm, BidTypes.Cpc], e);
        OneOf(r.Pacing ?? PacingModes.Asap, "pacing", [PacingModes.Asap, PacingModes.Even], e);
        Range(r.BidMicros, "bidMicros", 1, MaxBidMicros, e, required: true);
        Range(r.TotalBudgetMicros, "totalBudgetMicros", 1, MaxBudgetMicros, e, required: true);
        Range(r.DailyBudgetMicros, "dailyBudgetMicros", 0, r.TotalBudgetMicros ?? MaxBudgetMicros, e, required: false);
        if (r.Pacing == PacingModes.Even && r.DailyBudgetMicros is null or 0)
        {
            e["dailyBudgetMicros"] = ["Even pacing spreads the daily budget over the day: set dailyBudgetMicros."];
        }

        if (r.StartsAt is { } start && r.EndsAt is { } end && end <= start)
        {
            e["endsAt"] = ["Must be after startsAt."];
        }

        var targeting = r.Targeting ?? new TargetingRequest();
        Ids.CheckList(targeting.Slots, "targeting.slots", e);
        Ids.CheckList(targeting.Segments, "targeting.segments", e);
        Ids.CheckList(targeting.Geos, "targeting.geos", e);
        Ids.CheckList(targeting.Devices, "targeting.devices", e);
        if (r.FrequencyCap is { } cap && (cap.Max is < 1 or > 1000 || cap.PerSeconds is < 1 or > 30 * 86_400))
        {
            e["frequencyCap"] = ["max must be 1 to 1000 and perSeconds 1 to 2592000 (30 days)."];
        }

        Ids.CheckList(r.Adomain, "adomain", e);
        Ids.CheckList(r.Categories, "categories", e);
        Ids.CheckList(r.DealIds, "dealIds", e);
        Ids.Check(r.AppBundle, "appBundle", e, required: false);
        var creatives = CreativeValidator.Validate(r.Creatives, e);
        return e.Count > 0 ? null : new CampaignConfig
        {
            Id = r.Id!, Name = r.Name!, Advertiser = r.Advertiser!, Channel = r.Channel!, BidType = r.BidType!,
            BidMicros = r.BidMicros!.Value, TotalBudgetMicros = r.TotalBudgetMicros!.Value, DailyBudgetMicros = r.DailyBudgetMicros ?? 0,
            Pacing = r.Pacing ?? PacingModes.Asap, StartsAt = r.StartsAt?.ToUniversalTime(), EndsAt = r.EndsAt?.ToUniversalTime(),
            Targeting = new CampaignTargeting
            {
                Slots = List(targeting.Slots), Segments = List(targeting.Segments), Geos = List(targeting.Geos), Devices = List(targeting.Devices),
            },
            FrequencyCap = r.FrequencyCap, Creatives = creatives,
            Adomain = List(r.Adomain), Categories = List(r.Categories), DealIds = List(r.DealIds), AppBundle = r.AppBundle,
        };
    }

    private static List<string> List(List<string?>? values) => values?.OfType<string>().Distinct(StringComparer.Ordinal).ToList() ?? [];

    private static void Text(string? value, string field, Dictionary<string, string[]> e)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200 || value.Any(char.IsControl))
        {
            e[field] = ["Required: 1 to 200 printable characters."];
        }
    }

    private static void OneOf(string? value, string field, IReadOnlyCollection<string> allowed, Dictionary<string, string[]> e)
    {
        if (value is null || !allowed.Contains(value))
        {
            e[field] = [$"Must be one of: {string.Join(", ", allowed)}."];
        }
    }

    public static void Range(long? value, string field, long min, long max, Dictionary<string, string[]> e, bool required)
    {
        if (value is null ? required : value < min || value > max)
        {
            e[field] = [$"Must be between {min} and {max} micros."];
        }
    }
}
