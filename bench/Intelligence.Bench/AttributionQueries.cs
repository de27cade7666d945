using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Bench;

namespace AdOrleans.Intelligence.Bench;

/// <summary>
/// Waits until the event aggregators applied every event (they hand each to its journey before committing), then times
/// each model's report and the six-model comparison over all those journeys, checking each report's total.
/// </summary>
internal sealed class AttributionQueries(HttpClient client, Journeys journeys)
{
    private const int Runs = 5;
    private static readonly TimeSpan CatchUpWithin = TimeSpan.FromMinutes(20);
    private static readonly string[] Models = ["last-click", "first-click", "linear", "time-decay", "position-based", "markov"];

    public async Task RunAsync(Report report, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long applied;
        while ((applied = await EventsAppliedAsync(cancellationToken)) != journeys.Events)
        {
            if (Stopwatch.GetElapsedTime(started) > CatchUpWithin)
            {
                throw new BenchmarkFailedException($"{applied} of {journeys.Events} events applied after {CatchUpWithin}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        report.Line($"every event applied {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s after the last acknowledgement (journeys get them before that commit)");
        foreach (var model in Models)
        {
            var times = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                var (conversions, ms) = await Report.TimeAsync(() => ConversionsAsync(model, cancellationToken));
                if (Math.Round(conversions) != journeys.Conversions)
                {
                    throw new BenchmarkFailedException($"{model} credits {conversions} conversions, expected {journeys.Conversions}");
                }

                times.Add(ms);
            }

            report.Line($"attribution {model}: median {Report.Median(times):F0} ms of {Runs} (min {times.Min():F0}, max {times.Max():F0})");
        }

        var compare = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            compare.Add((await Report.TimeAsync(() => client.GetStringAsync("/v1/attribution/compare", cancellationToken))).Milliseconds);
        }

        report.Line($"attribution compare (six models): median {Report.Median(compare):F0} ms of {Runs}");
    }

    private async Task<long> EventsAppliedAsync(CancellationToken cancellationToken)
    {
        var totals = await Task.WhenAll(journeys.LogKeys.Select(async key =>
        {
            using var response = await client.GetAsync($"/v1/events/totals/{Uri.EscapeDataString(key)}", cancellationToken);
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["events"]!.GetValue<long>() : 0;
        }));
        return totals.Sum();
    }

    private async Task<decimal> ConversionsAsync(string model, CancellationToken cancellationToken)
    {
        var body = await client.GetFromJsonAsync<JsonObject>($"/v1/attribution?model={model}", cancellationToken);
        return body!["conversions"]!.GetValue<decimal>();
    }
}
