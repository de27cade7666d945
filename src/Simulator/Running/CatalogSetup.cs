using System.Net;
using System.Text.Json;
using AdOrleans.Simulator.Generation;
using AdOrleans.Simulator.Http;

namespace AdOrleans.Simulator.Running;

/// <summary>
/// Finds the campaigns to simulate against. On an empty system it creates the simulator's catalog (segments, slots,
/// campaigns) through the admin API; when that API is missing it says so and the run uses only the other channels.
/// </summary>
public static class CatalogSetup
{
    public static async Task<(IReadOnlyList<SimCampaign> Campaigns, IReadOnlyList<string> Notes)> RunAsync(ApiClient client, bool create, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var list = await client.GetAsync("/v1/campaigns", ApiKey.Admin, cancellationToken);
        if (list.Status == HttpStatusCode.NotFound)
        {
            notes.Add("GET /v1/campaigns answered 404: the ad-serving admin API is not deployed here; running web, social, email and purchase traffic only.");
            return ([], notes);
        }

        if (list.Status != HttpStatusCode.OK)
        {
            notes.Add($"GET /v1/campaigns answered {(int)list.Status}; running without ads. {EventSender.Snippet(list.Body)}");
            return ([], notes);
        }

        var existing = ParseCampaigns(list.Body);
        if (existing.Count > 0)
        {
            notes.Add($"Using the {existing.Count} campaigns already there.");
            return (existing, notes);
        }

        if (!create)
        {
            notes.Add("No campaigns and set-up is off: running without ads.");
            return ([], notes);
        }

        await CreateCatalogAsync(client, notes, cancellationToken);
        return (Catalog.Campaigns, notes);
    }

    private static async Task CreateCatalogAsync(ApiClient client, List<string> notes, CancellationToken cancellationToken)
    {
        foreach (var segment in Catalog.Segments)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new SegmentRequest(segment.Name, new() { ["interest"] = segment.Id }), SimJsonContext.Default.SegmentRequest);
            Check(notes, $"PUT /v1/segments/{segment.Id}", await client.SendAsync(HttpMethod.Put, $"/v1/segments/{segment.Id}", ApiKey.Admin, body, cancellationToken));
        }

        foreach (var slot in Catalog.Slots)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new SlotRequest(slot.FloorMicros, slot.Width, slot.Height, slot.Auction), SimJsonContext.Default.SlotRequest);
            Check(notes, $"PUT /v1/slots/{slot.Id}", await client.SendAsync(HttpMethod.Put, $"/v1/slots/{slot.Id}", ApiKey.Admin, body, cancellationToken));
        }

        foreach (var c in Catalog.Campaigns)
        {
            var request = new CampaignRequest(
                c.Id, c.Name, c.Advertiser, c.Channel, c.BidType, c.BidMicros,
                TotalBudgetMicros: 1_000_000_000_000, DailyBudgetMicros: 100_000_000_000, Pacing: "asap", StartsAt: null, EndsAt: null,
                new CampaignTargeting(c.Slots, c.TargetSegments ?? [], [], c.TargetDevices ?? []), FrequencyCap: null,
                CreativesFor(c));
            var body = JsonSerializer.SerializeToUtf8Bytes(request, SimJsonContext.Default.CampaignRequest);
            var response = await client.SendAsync(HttpMethod.Post, "/v1/campaigns", ApiKey.Admin, body, cancellationToken);
            if (response.Status != HttpStatusCode.Conflict)
            {
                Check(notes, $"POST /v1/campaigns {c.Id}", response);
            }
        }

        notes.Add($"Set up {Catalog.Segments.Count} segments, {Catalog.Slots.Count} slots and {Catalog.Campaigns.Count} campaigns.");
    }

    /// <summary>One creative per size of the slots the campaign targets, so every campaign can win on every slot it targets.</summary>
    internal static List<Creative> CreativesFor(SimCampaign campaign) =>
        [.. Catalog.Slots.Where(s => campaign.Slots.Contains(s.Id)).Select(s => (s.Width, s.Height)).Distinct()
            .Select(size => new Creative($"{campaign.Id}-{size.Width}x{size.Height}", $"https://cdn.example/{campaign.Id}-{size.Width}x{size.Height}.png", size.Width, size.Height))];

    private static void Check(List<string> notes, string what, ApiResponse response)
    {
        if (!response.IsSuccess)
        {
            notes.Add($"{what} answered {(int)response.Status}: {EventSender.Snippet(response.Body)}");
        }
    }

    /// <summary>Reads a campaign list (a JSON array, or an object holding one); the simulator's own campaigns keep their catalog behaviour.</summary>
    internal static List<SimCampaign> ParseCampaigns(byte[] body)
    {
        using var document = JsonDocument.Parse(body.Length == 0 ? "[]"u8.ToArray() : body);
        var result = new List<SimCampaign>();
        foreach (var item in JsonShapes.FirstArray(document.RootElement))
        {
            if (JsonShapes.String(item, "id") is not { } id)
            {
                continue;
            }

            var known = Catalog.Campaigns.FirstOrDefault(c => c.Id == id);
            var slots = item.TryGetProperty("targeting", out var t) && t.ValueKind == JsonValueKind.Object && t.TryGetProperty("slots", out var s) && s.ValueKind == JsonValueKind.Array
                ? s.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList()
                : [];
            var draw = Distributions.Unit(Distributions.StableHash(id), 7);
            result.Add(known ?? new SimCampaign(
                id, JsonShapes.String(item, "name") ?? id, JsonShapes.String(item, "advertiser") ?? "", JsonShapes.String(item, "channel") ?? "display",
                JsonShapes.String(item, "bidType") ?? "cpm", JsonShapes.Long(item, "bidMicros"), slots.Count > 0 ? slots : [.. Catalog.Slots.Select(x => x.Id)],
                Ctr: 0.005 + 0.02 * draw, Cvr: 0.02 + 0.06 * draw, ConversionMedianMicros: 50_000_000));
        }

        return result;
    }
}
