using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Bench;

namespace AdOrleans.Intelligence.Bench;

/// <summary>Times clustering runs over every user with a journey: k given, then k chosen by silhouette.</summary>
internal sealed class ClusteringRuns(HttpClient client, int users)
{
    private static readonly TimeSpan RunWithin = TimeSpan.FromMinutes(20);

    public async Task RunAsync(Report report, CancellationToken cancellationToken)
    {
        foreach (var k in new int?[] { 5, null })
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/v1/segments/clusters", new { k, seed = 1 }, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new BenchmarkFailedException($"starting a clustering run: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            var runId = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["runId"]!.GetValue<string>();
            var run = await CompletedAsync(runId, cancellationToken);
            var clustered = run["users"]!.GetValue<int>();
            if (clustered != users)
            {
                throw new BenchmarkFailedException($"run {runId} clustered {clustered} users, expected {users}");
            }

            report.Line($"clustering k={(k is null ? "chosen" : k)}: {clustered:N0} users in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s, " +
                $"k {run["k"]}, silhouette {run["silhouette"]}");
        }
    }

    private async Task<JsonObject> CompletedAsync(string runId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < RunWithin)
        {
            var run = (await client.GetFromJsonAsync<JsonObject>($"/v1/segments/clusters/{runId}", cancellationToken))!;
            switch (run["state"]!.GetValue<string>())
            {
                case "completed":
                    return run;
                case "failed":
                    throw new BenchmarkFailedException($"run {runId} failed: {run["failure"]}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        throw new BenchmarkFailedException($"run {runId} did not complete within {RunWithin}");
    }
}
