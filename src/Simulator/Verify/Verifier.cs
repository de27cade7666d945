using AdOrleans.Simulator.Truth;

namespace AdOrleans.Simulator.Verify;

/// <summary>
/// Compares a ground-truth file with what the service reports, as changes since the run's baseline: committed event
/// totals per partition key (always), per-campaign KPIs and the billing report (when those APIs exist). State is
/// committed asynchronously, so it polls until everything matches, the deadline passes, or the readings stop moving.
/// </summary>
public sealed class Verifier(ServiceReadings service, TimeSpan wait, TimeSpan settle, bool strict)
{
    public async Task<VerifyReport> VerifyAsync(GroundTruth truth, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        var lastChange = DateTime.UtcNow;
        string? lastReading = null;
        while (true)
        {
            var report = await CompareAsync(truth, cancellationToken);
            var reading = string.Join('\n', report.Differences);
            if (reading != lastReading)
            {
                (lastReading, lastChange) = (reading, DateTime.UtcNow);
            }

            if (report.Passed || DateTime.UtcNow >= deadline || DateTime.UtcNow - lastChange >= settle)
            {
                if (truth.Wire.Uncertain > 0)
                {
                    report.Notes.Add($"{truth.Wire.Uncertain} events were in requests that timed out; the service may have them although the truth does not.");
                }

                return report;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task<VerifyReport> CompareAsync(GroundTruth truth, CancellationToken cancellationToken)
    {
        var report = new VerifyReport();
        foreach (var key in truth.ByKey.Keys.Union(truth.Baseline.Totals.Keys).Order(StringComparer.Ordinal))
        {
            var expected = truth.ByKey.GetValueOrDefault(key) ?? new Tally();
            var actual = Minus(await service.TotalsAsync(key, cancellationToken), truth.Baseline.Totals.GetValueOrDefault(key));
            Compare(report, "totals", key, "events", expected.Events, actual.Events);
            Compare(report, "totals", key, "valueMicros", expected.ValueMicros, actual.ValueMicros);
            foreach (var type in expected.ByType.Keys.Union(actual.ByType.Keys).Order(StringComparer.Ordinal))
            {
                Compare(report, "totals", key, $"byType.{type}", expected.ByType.GetValueOrDefault(type), actual.ByType.GetValueOrDefault(type));
            }
        }

        report.Notes.Add($"event totals: {truth.ByKey.Count} partition keys compared.");
        if (truth.Campaigns.Count == 0)
        {
            report.Notes.Add("KPI and billing: nothing to compare (the run had no ad traffic).");
            return report;
        }

        var (from, to) = ServiceReadings.WindowOf(truth);
        await CompareKpiAsync(truth, from, to, report, cancellationToken);
        await CompareBillingAsync(truth, from, to, report, cancellationToken);
        return report;
    }

    private async Task CompareKpiAsync(GroundTruth truth, DateTimeOffset from, DateTimeOffset to, VerifyReport report, CancellationToken cancellationToken)
    {
        foreach (var (id, expected) in truth.Campaigns.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (await service.KpiAsync(id, from, to, cancellationToken) is not { } kpi)
            {
                Unavailable(report, "kpi", "GET /v1/kpi/campaigns/{id}");
                return;
            }

            CompareCampaign(report, "kpi", id, expected, Minus(kpi, truth.Baseline.Kpi?.GetValueOrDefault(id)), revenue: true);
        }
    }

    private async Task CompareBillingAsync(GroundTruth truth, DateTimeOffset from, DateTimeOffset to, VerifyReport report, CancellationToken cancellationToken)
    {
        if (await service.BillingAsync(from, to, cancellationToken) is not { } billing)
        {
            Unavailable(report, "billing", "GET /v1/reports/billing");
            return;
        }

        foreach (var (id, expected) in truth.Campaigns.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            CompareCampaign(report, "billing", id, expected, Minus(billing.GetValueOrDefault(id) ?? new(), truth.Baseline.Billing?.GetValueOrDefault(id)), revenue: false);
        }
    }

    private void Unavailable(VerifyReport report, string source, string endpoint)
    {
        if (strict)
        {
            report.Differences.Add(new Difference(source, endpoint, "available", 1, 0, "answered 404 (--strict)"));
        }
        else
        {
            report.Notes.Add($"{source}: skipped, {endpoint} answered 404 (not deployed here).");
        }
    }

    private static void CompareCampaign(VerifyReport report, string source, string id, CampaignTruth expected, CampaignTruth actual, bool revenue)
    {
        Compare(report, source, id, "impressions", expected.Impressions, actual.Impressions);
        Compare(report, source, id, "clicks", expected.Clicks, actual.Clicks);
        Compare(report, source, id, "conversions", expected.Conversions, actual.Conversions);
        if (revenue)
        {
            Compare(report, source, id, "revenueMicros", expected.RevenueMicros, actual.RevenueMicros);
        }

        switch (expected.BidType)
        {
            case "cpm":
                Compare(report, source, id, "spendMicros", expected.SpendMicros, actual.SpendMicros);
                break;
            case "cpc":
                report.Compared++;
                if (actual.SpendMicros < 0 || actual.SpendMicros > expected.MaxCpcSpendMicros)
                {
                    report.Differences.Add(new Difference(source, id, "spendMicros", expected.MaxCpcSpendMicros, actual.SpendMicros, "CPC spend must be within 0 … Σ bid per click"));
                }

                break;
        }
    }

    private static void Compare(VerifyReport report, string source, string subject, string field, long expected, long actual)
    {
        report.Compared++;
        if (expected != actual)
        {
            report.Differences.Add(new Difference(source, subject, field, expected, actual));
        }
    }

    private static Tally Minus(Tally now, Tally? before)
    {
        if (before is null)
        {
            return now;
        }

        var result = new Tally { Events = now.Events - before.Events, ValueMicros = now.ValueMicros - before.ValueMicros };
        foreach (var type in now.ByType.Keys.Union(before.ByType.Keys))
        {
            var delta = now.ByType.GetValueOrDefault(type) - before.ByType.GetValueOrDefault(type);
            if (delta != 0)
            {
                result.ByType[type] = delta;
            }
        }

        return result;
    }

    private static CampaignTruth Minus(CampaignTruth now, CampaignTruth? before) => before is null ? now : new CampaignTruth
    {
        Impressions = now.Impressions - before.Impressions,
        Clicks = now.Clicks - before.Clicks,
        Conversions = now.Conversions - before.Conversions,
        SpendMicros = now.SpendMicros - before.SpendMicros,
        RevenueMicros = now.RevenueMicros - before.RevenueMicros,
    };
}
