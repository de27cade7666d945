using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AdOrleans.Bench;

namespace AdOrleans.Intelligence.Bench;

/// <summary>Posts every journey's events in batches, four requests at a time, retrying a 503 as its Retry-After says.</summary>
internal sealed class Ingest(HttpClient client, Journeys journeys)
{
    private const int Concurrency = 4;

    public async Task RunAsync(Report report, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long events = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, journeys.Batches), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (batch, token) => Interlocked.Add(ref events, await PostAsync(batch, token)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        report.Line($"ingest: {events:N0} events acknowledged in {seconds:F1} s ({events / seconds:N0} events/s)");
    }

    private async Task<int> PostAsync(int batch, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        int count;
        using (var json = new Utf8JsonWriter(buffer))
        {
            count = journeys.WriteBatch(batch, json);
        }

        for (var attempt = 1; ; attempt++)
        {
            using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync("/v1/events/batch", content, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return count;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20)
            {
                throw new BenchmarkFailedException($"batch {batch}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
