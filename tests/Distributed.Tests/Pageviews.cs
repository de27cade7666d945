using System.Net.Http.Json;

namespace AdOrleans.Distributed.Tests;

/// <summary>One pageview of campaign c-1 with the given eventId, through the batch endpoint.</summary>
internal static class Pageviews
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string id) =>
        client.PostAsJsonAsync("/v1/events/batch", new
        {
            events = new[] { new { eventId = id, type = "pageview", campaignId = "c-1", channel = "web", userId = "u-1", valueMicros = 0, occurredAt = DateTimeOffset.UtcNow } },
        });
}
