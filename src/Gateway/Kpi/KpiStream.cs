using System.Globalization;
using System.Text.Json;
using AdOrleans.Gateway.Alerts;
using AdOrleans.Grains.Alerts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// <c>GET /v1/kpi/stream</c>: server-sent events, one <c>kpi</c> event per committed bucket change,
/// filtered by <c>campaign</c>, <c>channel</c> and <c>granularity</c>, and one <c>alert</c> event (no id) per alert
/// state change (docs/alerts.md). <c>Last-Event-ID</c> resumes
/// after that id; if the changes since have left the ring, a <c>reset</c> event tells the client to
/// refetch. Ends when the client goes away (the request's token), holding nothing after.
/// </summary>
public static class KpiStream
{
    public static async Task<Results<EmptyHttpResult, ValidationProblem>> StreamAsync(
        HttpContext context, KpiChangeFeed feed, AlertFeed alertFeed, IOptions<KpiStreamOptions> options, IOptions<JsonOptions> json,
        string? campaign, string? channel, string? granularity)
    {
        if (granularity is not null && !AdOrleans.Grains.Kpi.KpiGranularities.TryParse(granularity, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["granularity"] = ["Must be one of: minute, hour, day."] });
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var ct = context.RequestAborted;
        var filter = new Filter(campaign, channel, granularity);
        using var listening = feed.Listen();
        var lastId = feed.LastId;
        var lastAlert = alertFeed.Last;
        var buffer = new List<KpiChange>();
        var alerts = new List<Alert>();
        try
        {
            await response.WriteAsync("retry: 2000\n\n", ct);
            if (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var resumeFrom))
            {
                lastId = feed.TryReadAfter(resumeFrom, buffer, max: 0) ? resumeFrom : await ResetAsync(response, feed, ct);
            }

            await response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                buffer.Clear();
                if (!feed.TryReadAfter(lastId, buffer))
                {
                    lastId = await ResetAsync(response, feed, ct);
                }

                foreach (var change in buffer)
                {
                    lastId = change.Id;
                    if (filter.Matches(change))
                    {
                        await response.WriteAsync($"id: {change.Id}\nevent: kpi\ndata: {JsonSerializer.Serialize(change, json.Value.SerializerOptions)}\n\n", ct);
                    }
                }

                alerts.Clear();
                lastAlert = alertFeed.ReadAfter(lastAlert, alerts);
                foreach (var alert in alerts.Where(filter.Matches))
                {
                    await response.WriteAsync($"event: alert\ndata: {JsonSerializer.Serialize(alert, json.Value.SerializerOptions)}\n\n", ct);
                }

                await response.Body.FlushAsync(ct);
                if (buffer.Count > 0 || alerts.Count > 0)
                {
                    continue;
                }

                try
                {
                    await Task.WhenAny(feed.WaitAsync(lastId, ct), alertFeed.WaitAsync(lastAlert, ct)).WaitAsync(options.Value.KeepAliveInterval, ct);
                }
                catch (TimeoutException)
                {
                    await response.WriteAsync(": keep-alive\n\n", ct);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away: nothing to clean up beyond leaving the loop.
        }

        return TypedResults.Empty;
    }

    private static async Task<long> ResetAsync(HttpResponse response, KpiChangeFeed feed, CancellationToken ct)
    {
        var lastId = feed.LastId;
        await response.WriteAsync($"id: {lastId}\nevent: reset\ndata: {{\"reason\":\"changes since the given id are no longer available; refetch\"}}\n\n", ct);
        return lastId;
    }

    private sealed record Filter(string? Campaign, string? Channel, string? Granularity)
    {
        public bool Matches(KpiChange change) =>
            (Granularity is null || change.Granularity == Granularity)
            && ((Campaign is null && Channel is null)
                || (Campaign is not null && change.Dimension == AdOrleans.Grains.Kpi.KpiDimensions.Campaign && change.DimensionId == Campaign)
                || (Channel is not null && change.Dimension == AdOrleans.Grains.Kpi.KpiDimensions.Channel && change.DimensionId == Channel));

        /// <summary>Unfiltered: every alert; filtered by campaign or channel: the alerts of rules scoped to it.</summary>
        public bool Matches(Alert alert) =>
            (Campaign is null && Channel is null)
            || (Campaign is not null && alert.Scope.CampaignId == Campaign)
            || (Channel is not null && alert.Scope.Channel == Channel);
    }
}
