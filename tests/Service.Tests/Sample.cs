namespace AdOrleans.Service.Tests;

internal static class Sample
{
    public static object Event(string eventId, string campaignId, string type = "pageview", long valueMicros = 0) => new
    {
        eventId,
        type,
        campaignId,
        channel = "web",
        userId = "u-1",
        valueMicros,
        occurredAt = DateTimeOffset.UtcNow,
    };
}
