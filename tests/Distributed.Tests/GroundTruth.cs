using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdOrleans.Distributed.Tests;

/// <summary>
/// What the client caused, per campaign. It retries every request until acknowledged, so each of its events reached
/// the log at least once and must count exactly once: the event totals, KPI counters, bill and campaign figures the
/// API shows follow from it. Every mismatch is reported at once, with every process's output.
/// </summary>
public sealed class GroundTruth(IEnumerable<string> campaigns)
{
    private readonly SortedDictionary<string, Counts> _campaigns = new(campaigns.ToDictionary(c => c, _ => new Counts()), StringComparer.Ordinal);

    public void Impression(string campaign, long chargeMicros)
    {
        _campaigns[campaign].Impressions++;
        _campaigns[campaign].SpendMicros += chargeMicros;
    }

    public void Click(string campaign) => _campaigns[campaign].Clicks++;

    public void Pageview(string campaign) => _campaigns[campaign].Pageviews++;

    public void Conversion(string campaign, long valueMicros)
    {
        _campaigns[campaign].Conversions++;
        _campaigns[campaign].ConversionMicros += valueMicros;
    }

    /// <summary>A purchase by a buyer never seen before (a new customer).</summary>
    public void Purchase(string campaign, long valueMicros)
    {
        _campaigns[campaign].Purchases++;
        _campaigns[campaign].PurchaseMicros += valueMicros;
    }

    /// <param name="when">Names the moment in the failure message.</param>
    public async Task AssertAsync(HttpClient admin, TestCluster cluster, string when)
    {
        var problems = new List<string>();
        void Compare<T>(string what, T expected, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                problems.Add($"{what}: expected {expected}, actual {actual}");
            }
        }

        var actual = await Task.WhenAll(_campaigns.Keys.Select(async id => (
            Totals: await EventTotalsAsync(admin, id),
            Kpi: await KpiAsync(admin, $"/v1/kpi/campaigns/{id}"),
            Campaign: await admin.GetFromJsonAsync<CampaignFigures>($"/v1/campaigns/{id}"))));
        foreach (var ((id, counts), (totals, kpi, campaign)) in _campaigns.Zip(actual))
        {
            Compare($"event totals of {id}", counts.EventTotals(), totals);
            Compare($"KPIs of {id}", counts.Kpi(), kpi);
            Compare($"live figures of {id}", counts.Campaign(), campaign);
        }

        Compare("KPI summary", _campaigns.Values.Aggregate(KpiCounts.Zero, (sum, c) => sum + c.Kpi()), await KpiAsync(admin, "/v1/kpi/summary"));
        var expectedBill = _campaigns.Select(c => c.Value.BillLine(c.Key)).ToList();
        var bill = await admin.GetFromJsonAsync<Bill>("/v1/reports/billing");
        Compare("bill", Lines(expectedBill), Lines(bill!.Lines.OrderBy(l => l.CampaignId, StringComparer.Ordinal)));
        Compare("bill total", expectedBill.Aggregate(BillLine.Zero, (sum, l) => sum + l), bill.Total);
        if (problems.Count > 0)
        {
            Assert.Fail($"{when}, {problems.Count} figures differ from the ground truth:\n{string.Join("\n", problems)}\n{cluster.Outputs}");
        }
    }

    private static string Lines(IEnumerable<BillLine> lines) => string.Concat(lines.Select(l => $"\n    {l}"));

    private static async Task<EventTotals> EventTotalsAsync(HttpClient admin, string key)
    {
        using var response = await admin.GetAsync($"/v1/events/totals/{key}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new EventTotals(0, 0, "");
        }

        var totals = await response.Content.ReadFromJsonAsync<JsonObject>();
        var byType = totals!["byType"]!.AsObject().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}");
        return new EventTotals(totals["events"]!.GetValue<long>(), totals["valueMicros"]!.GetValue<long>(), string.Join(",", byType));
    }

    private static async Task<KpiCounts> KpiAsync(HttpClient admin, string path) =>
        (await admin.GetFromJsonAsync<JsonObject>(path))!["totals"]!.Deserialize<KpiCounts>(JsonSerializerOptions.Web)!;

    private sealed class Counts
    {
        public long Impressions { get; set; }
        public long Clicks { get; set; }
        public long Conversions { get; set; }
        public long Purchases { get; set; }
        public long Pageviews { get; set; }
        public long SpendMicros { get; set; }
        public long ConversionMicros { get; set; }
        public long PurchaseMicros { get; set; }

        public EventTotals EventTotals()
        {
            var byType = new (string Type, long Count)[] { ("click", Clicks), ("conversion", Conversions), ("impression", Impressions), ("pageview", Pageviews), ("purchase", Purchases) };
            return new EventTotals(Impressions + Clicks + Conversions + Purchases + Pageviews, ConversionMicros + PurchaseMicros,
                string.Join(",", byType.Where(t => t.Count > 0).Select(t => $"{t.Type}={t.Count}")));
        }

        /// <summary>Each buyer is new, so every purchase is a new customer; no sessions were sent, so there are no bounces.</summary>
        public KpiCounts Kpi() => new(Impressions, Clicks, Conversions, SpendMicros, ConversionMicros + PurchaseMicros, Purchases, Purchases, Pageviews, 0, 0, 0);

        public CampaignFigures Campaign() => new(SpendMicros, Impressions, Clicks, Conversions);

        /// <summary>Each campaign has one creative; purchases are not billed.</summary>
        public BillLine BillLine(string campaign) => new(campaign, AdTraffic.CreativeOf(campaign), Impressions, Clicks, Conversions, SpendMicros);
    }

    private sealed record EventTotals(long Events, long ValueMicros, string ByType);

    /// <summary>
    /// Every counter of a KPI point but <c>restated</c>, which counts events older than their key's newest minute: it
    /// depends on the order retries landed in, which the client does not know. The ratios are functions of these.
    /// </summary>
    private sealed record KpiCounts(
        long Impressions, long Clicks, long Conversions, long SpendMicros, long RevenueMicros, long Purchases, long NewCustomers,
        long Pageviews, long Sessions, long Bounces, long TooLate)
    {
        public static readonly KpiCounts Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public static KpiCounts operator +(KpiCounts a, KpiCounts b) => new(
            a.Impressions + b.Impressions, a.Clicks + b.Clicks, a.Conversions + b.Conversions, a.SpendMicros + b.SpendMicros,
            a.RevenueMicros + b.RevenueMicros, a.Purchases + b.Purchases, a.NewCustomers + b.NewCustomers, a.Pageviews + b.Pageviews,
            a.Sessions + b.Sessions, a.Bounces + b.Bounces, a.TooLate + b.TooLate);
    }

    private sealed record CampaignFigures(long SpentMicros, long Impressions, long Clicks, long Conversions);

    private sealed record BillLine(string CampaignId, string CreativeId, long Impressions, long Clicks, long Conversions, long SpendMicros)
    {
        /// <summary>The report's total line names no campaign or creative.</summary>
        public static readonly BillLine Zero = new("", "", 0, 0, 0, 0);

        public static BillLine operator +(BillLine a, BillLine b) =>
            new("", "", a.Impressions + b.Impressions, a.Clicks + b.Clicks, a.Conversions + b.Conversions, a.SpendMicros + b.SpendMicros);
    }

    private sealed record Bill(List<BillLine> Lines, BillLine Total);
}
