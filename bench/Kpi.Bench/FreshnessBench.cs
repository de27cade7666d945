using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AdOrleans.Kpi.Bench;

/// <summary>
/// Embedded service in-process (durable file log + SQLite, default settings): for each event, the time
/// from its 202 to (a) the KPI API showing it and (b) the stream pushing it. One event at a time.
/// </summary>
internal static class FreshnessBench
{
    public static async Task RunAsync(int samples)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kpi-fresh-{Guid.NewGuid():N}");
        await using var service = new EmbeddedService(directory);
        var client = service.CreateClient(EmbeddedService.ClientKey);
        var admin = service.CreateClient(EmbeddedService.AdminKey);

        var streamSeen = new Dictionary<long, long>();
        var streamGate = new Lock();
        using var stop = new CancellationTokenSource();
        var response = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/kpi/stream?campaign=c-fresh&granularity=day"), HttpCompletionOption.ResponseHeadersRead);
        var reader = Task.Run(async () =>
        {
            using var lines = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (!stop.IsCancellationRequested && await lines.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var conversions = JsonNode.Parse(line[6..])!["values"]!["conversions"]!.GetValue<long>();
                    lock (streamGate)
                    {
                        streamSeen.TryAdd(conversions, Stopwatch.GetTimestamp());
                    }
                }
            }
        });

        var api = new List<double>();
        var stream = new List<double>();
        var day = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var path = $"/v1/kpi/campaigns/c-fresh?granularity=day&from={day:yyyy-MM-dd}T00:00:00Z&to={day.AddDays(1):yyyy-MM-dd}T00:00:00Z";
        for (var i = 1; i <= samples; i++)
        {
            var posted = await client.PostAsJsonAsync("/v1/events", new { eventId = $"f-{i}", type = "conversion", campaignId = "c-fresh", channel = "display", valueMicros = 1 });
            posted.EnsureSuccessStatusCode();
            var accepted = Stopwatch.GetTimestamp();
            while (true)
            {
                using var answer = await admin.GetAsync(path);
                if (answer.IsSuccessStatusCode && JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["totals"]!["conversions"]!.GetValue<long>() >= i)
                {
                    api.Add(Stopwatch.GetElapsedTime(accepted).TotalMilliseconds);
                    break;
                }
            }

            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                lock (streamGate)
                {
                    if (streamSeen.TryGetValue(i, out var at))
                    {
                        stream.Add(Stopwatch.GetElapsedTime(accepted, at).TotalMilliseconds);
                        break;
                    }
                }

                await Task.Delay(1);
            }
        }

        await stop.CancelAsync();
        response.Dispose();
        Console.WriteLine($"freshness 202 -> visible on /v1/kpi/campaigns: {Percentiles.Describe(api)}");
        Console.WriteLine($"freshness 202 -> pushed on /v1/kpi/stream:   {Percentiles.Describe(stream)}");
    }
}
