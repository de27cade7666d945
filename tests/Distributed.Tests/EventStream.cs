using System.Net;
using System.Net.Http.Json;

namespace AdOrleans.Distributed.Tests;

/// <summary>
/// A producer of a known set of events through the gateway: batches of 25 pageviews round-robin over 20 campaign
/// keys, recording per key what was sent and what was acknowledged (202) — the ground truth of the fault tests.
/// </summary>
public sealed class EventStream
{
    public const int Keys = 20;

    public long[] Sent { get; } = new long[Keys];

    public long[] Acknowledged { get; } = new long[Keys];

    public int Refused { get; private set; }

    public async Task RunAsync(HttpClient client, CancellationToken stop)
    {
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            var key = batch % Keys;
            var events = Enumerable.Range(0, 25).Select(i => new
            {
                eventId = $"b{batch}-{i}",
                type = "pageview",
                campaignId = $"c-{key}",
                channel = "web",
                userId = "u-1",
                valueMicros = 0,
                occurredAt = DateTimeOffset.UtcNow,
            }).ToArray();
            Sent[key] += events.Length;
            try
            {
                var response = await client.PostAsJsonAsync("/v1/events/batch", new { events }, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Acknowledged[key] += events.Length;
                }
                else
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Refused++;
                    await Task.Delay(100, CancellationToken.None);
                }
            }
            catch (TaskCanceledException)
            {
                // Timed out: the outcome is unknown, which the invariants allow (sent, not acknowledged).
            }
        }
    }

    /// <summary>Every key's committed total lies between acknowledged and sent, and together they equal what the log holds.</summary>
    public async Task AssertTotalsMatchAsync(HttpClient admin, long appended)
    {
        long counted = 0;
        for (var k = 0; k < Keys; k++)
        {
            var response = await admin.GetAsync($"/v1/events/totals/c-{k}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"GET totals of c-{k} answered {response.StatusCode}");
            var total = response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<Totals>())!.Events : 0;
            Assert.InRange(total, Acknowledged[k], Sent[k]);
            counted += total;
        }

        Assert.Equal(appended, counted);
    }

    private sealed record Totals(long Events);
}
