using System.Globalization;
using System.Net;
using System.Text.Json;
using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Truth;

namespace AdOrleans.Simulator.Verify;

/// <summary>
/// What the service reports: committed event totals per partition key, per-campaign KPIs over a window, and the
/// billing report. A KPI or billing endpoint that answers 404 reads as "not available" (null), not as zero.
/// </summary>
public sealed class ServiceReadings(ApiClient client)
{
    public async Task<Tally> TotalsAsync(string key, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync($"/v1/events/totals/{Uri.EscapeDataString(key)}", ApiKey.Admin, cancellationToken);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return new Tally();
        }

        EnsureOk(response, "GET /v1/events/totals");
        return JsonSerializer.Deserialize(response.Body, SimJsonContext.Default.Tally) ?? new Tally();
    }

    /// <summary>Sums a campaign's KPI points over the window; null when the KPI API is not there.</summary>
    public async Task<CampaignTruth?> KpiAsync(string campaignId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync($"/v1/kpi/campaigns/{Uri.EscapeDataString(campaignId)}?{Window(from, to)}&granularity=minute", ApiKey.Admin, cancellationToken);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureOk(response, "GET /v1/kpi/campaigns");
        using var document = JsonDocument.Parse(response.Body);
        var root = document.RootElement;
        var points = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("points", out var p) ? p.EnumerateArray() : JsonShapes.FirstArray(root);
        var sum = new CampaignTruth();
        var any = false;
        foreach (var point in points)
        {
            Add(sum, point);
            any = true;
        }

        if (!any && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("impressions", out _))
        {
            Add(sum, root);
        }

        return sum;
    }

    /// <summary>The billing report summed per campaign (over its creatives); null when the report is not there.</summary>
    public async Task<Dictionary<string, CampaignTruth>?> BillingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync($"/v1/reports/billing?{Window(from, to)}", ApiKey.Admin, cancellationToken);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureOk(response, "GET /v1/reports/billing");
        using var document = JsonDocument.Parse(response.Body);
        var result = new Dictionary<string, CampaignTruth>(StringComparer.Ordinal);
        foreach (var row in JsonShapes.FirstArray(document.RootElement))
        {
            if (JsonShapes.String(row, "campaignId") is { } id)
            {
                if (!result.TryGetValue(id, out var sum))
                {
                    result[id] = sum = new CampaignTruth();
                }

                Add(sum, row);
            }
        }

        return result;
    }

    /// <summary>The KPI/billing window of a run: its simulated span, widened to whole minutes plus the API's 5-minute future skew.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) WindowOf(GroundTruth truth)
    {
        var from = truth.SimulatedFrom.AddTicks(-(truth.SimulatedFrom.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(-1);
        var to = truth.SimulatedTo.AddTicks(-(truth.SimulatedTo.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(7);
        return (from, to);
    }

    private static string Window(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}";

    private static void Add(CampaignTruth sum, JsonElement item)
    {
        sum.Impressions += JsonShapes.Long(item, "impressions");
        sum.Clicks += JsonShapes.Long(item, "clicks");
        sum.Conversions += JsonShapes.Long(item, "conversions");
        sum.SpendMicros += JsonShapes.Long(item, "spendMicros");
        sum.RevenueMicros += JsonShapes.Long(item, "revenueMicros");
    }

    private void EnsureOk(ApiResponse response, string what)
    {
        if (response.Status != HttpStatusCode.OK)
        {
            throw new SimulatorException(
                response.Answered ? $"{what} answered {(int)response.Status}: {Running.EventSender.Snippet(response.Body)}" : $"{what}: no answer from {client.Target} ({client.Stats.LastError}).",
                response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || !response.Answered ? 2 : 1);
        }
    }
}
