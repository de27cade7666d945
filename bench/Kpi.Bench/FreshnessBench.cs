using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Bench;

namespace AdOrleans.Kpi.Bench;

/// <summary>
/// Embedded service in-process (durable file log + SQLite, default settings): for each event, the time
/// from its 202 to (a) the KPI API showing it and (b) the stream pushing it. One event at a time. An event
/// the API does not show within 30 s, or the stream does not push within 5 s, fails the benchmark.
/// </summary>
internal static class FreshnessBench
{
    private static readonly TimeSpan ApiDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StreamDeadline = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(int samples, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kpi-fresh-{Guid.NewGuid():N}");
        try
        {
            await RunAsync(directory, samples, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task RunAsync(string directory, int samples, CancellationToken cancellationToken)
    {
        await using var service = new EmbeddedService(directory);
        var admin = service.CreateClient(EmbeddedService.AdminKey);

        var streamSeen = new Dictionary<long, long>();
        var streamGate = new Lock();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var response = await admin.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/v1/kpi/stream?campaign=c-fresh&granularity=day"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var reader = Task.Run(async () =>
        {
            using var lines = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            while (await lines.ReadLineAsync(stop.Token) is { } line)
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
        }, stop.Token);

        var api = new List<double>();
        var stream = new List<double>();
        var day = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var path = $"/v1/kpi/campaigns/c-fresh?granularity=day&from={day:yyyy-MM-dd}T00:00:00Z&to={day.AddDays(1):yyyy-MM-dd}T00:00:00Z";
        for (var i = 1; i <= samples; i++)
        {
            // A conversion that names a campaign without a click's token needs a key that vouches for it: admin.
            var posted = await admin.PostAsJsonAsync("/v1/events", new { eventId = $"f-{i}", type = "conversion", campaignId = "c-fresh", channel = "display", valueMicros = 1 }, cancellationToken);
            posted.EnsureSuccessStatusCode();
            var accepted = Stopwatch.GetTimestamp();
            while (true)
            {
                using var answer = await admin.GetAsync(path, cancellationToken);
                if (answer.IsSuccessStatusCode && JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken))!["totals"]!["conversions"]!.GetValue<long>() >= i)
                {
                    api.Add(Stopwatch.GetElapsedTime(accepted).TotalMilliseconds);
                    break;
                }

                if (Stopwatch.GetElapsedTime(accepted) > ApiDeadline)
                {
                    throw new BenchmarkFailedException(
                        $"event {i} not visible on {path} {ApiDeadline.TotalSeconds:0} s after its 202 (last answer {(int)answer.StatusCode}).");
                }
            }

            var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * StreamDeadline.TotalSeconds);
            while (Stopwatch.GetTimestamp() < deadline && !reader.IsCompleted)
            {
                lock (streamGate)
                {
                    if (streamSeen.TryGetValue(i, out var at))
                    {
                        stream.Add(Stopwatch.GetElapsedTime(accepted, at).TotalMilliseconds);
                        break;
                    }
                }

                await Task.Delay(1, cancellationToken);
            }

            if (stream.Count < i)
            {
                if (reader.IsCompleted)
                {
                    await reader; // ended with an exception: that is the failure
                }

                throw new BenchmarkFailedException(
                    $"event {i} not pushed on /v1/kpi/stream within {StreamDeadline.TotalSeconds:0} s of its 202{(reader.IsCompleted ? " (the stream ended)" : "")}.");
            }
        }

        await stop.CancelAsync();
        await IgnoreCancellation(reader);
        Console.WriteLine($"freshness 202 -> visible on /v1/kpi/campaigns: {Percentiles.Describe(api)}");
        Console.WriteLine($"freshness 202 -> pushed on /v1/kpi/stream:   {Percentiles.Describe(stream)}");
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
