using System.Text.Json;
using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Events;

/// <summary>Event ingestion: validate, append to the log, answer 202 only once the log has it durably.</summary>
public static class EventEndpoints
{
    public const int MaxBatch = 1000;

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/events").WithTags("Events");
        group.MapPost("/", PostOneAsync).RequireAuthorization(Policies.Client).WithBodySizeLimit(16 * 1024);
        group.MapPost("/batch", PostBatchAsync).RequireAuthorization(Policies.Client).WithBodySizeLimit(2 * 1024 * 1024);
        group.MapGet("/totals/{key}", GetTotalsAsync).RequireAuthorization(Policies.Admin);
        return routes;
    }

    public static Task<Results<Accepted<EventsAccepted>, ValidationProblem, ProblemHttpResult>> PostOneAsync(
        EventRequest request, IPartitionedLog log, TimeProvider clock, HttpContext context, ITrackingTokenVerifier verifier) =>
        AcceptAsync([request], "", log, clock, context, verifier);

    public static Task<Results<Accepted<EventsAccepted>, ValidationProblem, ProblemHttpResult>> PostBatchAsync(
        EventBatchRequest request, IPartitionedLog log, TimeProvider clock, HttpContext context, ITrackingTokenVerifier verifier)
    {
        if (request.Events is null || request.Events.Count is 0 or > MaxBatch)
        {
            return Task.FromResult<Results<Accepted<EventsAccepted>, ValidationProblem, ProblemHttpResult>>(
                TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["events"] = [$"Send 1 to {MaxBatch} events."] }));
        }

        return AcceptAsync(request.Events, "events", log, clock, context, verifier);
    }

    /// <summary>The committed totals of one log key (a campaign id, or <c>channel:&lt;channel&gt;</c>), from its partition's aggregator grain.</summary>
    public static async Task<Results<Ok<EventTotals>, NotFound>> GetTotalsAsync(string key, IGrainFactory grains, IPartitionedLog log) =>
        key.Length <= 200 && await grains.ForLogKey(key, log.PartitionCount(Topics.Events)).GetTotalsAsync(key) is { } totals
            ? TypedResults.Ok(totals)
            : TypedResults.NotFound();

    private static async Task<Results<Accepted<EventsAccepted>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        IReadOnlyList<EventRequest?> requests, string prefix, IPartitionedLog log, TimeProvider clock, HttpContext context, ITrackingTokenVerifier verifier)
    {
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var messages = new List<LogMessage>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var path = prefix.Length == 0 ? "" : $"{prefix}[{i}].";
            if (EventValidator.Validate(requests[i], path, now, errors, verifier) is { } tracked)
            {
                messages.Add(new LogMessage(tracked.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(tracked, GrainJsonContext.Default.TrackedEvent)));
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            await log.AppendAsync(Topics.Events, messages, context.RequestAborted);
        }
        catch (LogUnavailableException e)
        {
            return LogUnavailable.Problem(context, e);
        }

        return TypedResults.Accepted((string?)null, new EventsAccepted(messages.Count));
    }
}
