using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Gateway.Events;

/// <summary>
/// Event ingestion: validate, check what the caller's key may post, append to the log, answer 202 only once the log
/// has it durably. A request with any invalid (400) or forbidden (403) event appends nothing.
/// </summary>
public static class EventEndpoints
{
    public const int MaxBatch = 1000;

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder routes)
    {
        // Its services are singletons, resolved once on first use: handler parameters resolved from RequestServices
        // opened a DI scope for every event (nothing else on the ingest path needs one).
        var services = routes.ServiceProvider;
        var intake = new Lazy<EventIntake>(() => new EventIntake(
            services.GetRequiredService<IPartitionedLog>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ITrackingTokenVerifier>(), services.GetRequiredService<AuctionIndex>()));
        var group = routes.MapGroup("/v1/events").WithTags("Events");
        group.MapPost("/", (EventRequest request, HttpContext context) => PostOneAsync(request, intake.Value, context))
            .RequireApiKey(ApiKeyRoles.Events).WithBodySizeLimit(16 * 1024);
        group.MapPost("/batch", (EventBatchRequest request, HttpContext context) => PostBatchAsync(request, intake.Value, context))
            .RequireApiKey(ApiKeyRoles.Events).WithBodySizeLimit(2 * 1024 * 1024);
        group.MapGet("/totals/{key}", GetTotalsAsync).RequireAuthorization(Policies.Admin);
        return routes;
    }

    public static Task<Results<EventsAcceptedResult, ValidationProblem, ProblemHttpResult>> PostOneAsync(
        EventRequest request, EventIntake intake, HttpContext context) =>
        AcceptAsync([request], "", intake, context);

    public static Task<Results<EventsAcceptedResult, ValidationProblem, ProblemHttpResult>> PostBatchAsync(
        EventBatchRequest request, EventIntake intake, HttpContext context)
    {
        if (request.Events is null || request.Events.Count is 0 or > MaxBatch)
        {
            return Task.FromResult<Results<EventsAcceptedResult, ValidationProblem, ProblemHttpResult>>(
                TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["events"] = [$"Send 1 to {MaxBatch} events."] }));
        }

        return AcceptAsync(request.Events, "events", intake, context);
    }

    /// <summary>The committed totals of one log key (a campaign id, or <c>channel:&lt;channel&gt;</c>), from its partition's aggregator grain.</summary>
    public static async Task<Results<Ok<EventTotals>, NotFound>> GetTotalsAsync(string key, IGrainFactory grains, IPartitionedLog log) =>
        key.Length <= 200 && await grains.ForLogKey(key, log.PartitionCount(Topics.Events)).GetTotalsAsync(key) is { } totals
            ? TypedResults.Ok(totals)
            : TypedResults.NotFound();

    private static async Task<Results<EventsAcceptedResult, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        IReadOnlyList<EventRequest?> requests, string prefix, EventIntake intake, HttpContext context)
    {
        var now = intake.Clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var events = new List<TrackedEvent>(requests.Count);
        var mayVouch = AdvertiserEvents.MayVouch(context.User);
        for (var i = 0; i < requests.Count; i++)
        {
            var path = prefix.Length == 0 ? "" : $"{prefix}[{i}].";
            if (EventValidator.Validate(requests[i], path, now, errors, intake.Verifier, mayVouch) is { } tracked)
            {
                events.Add(tracked);
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (AdvertiserEvents.AdvertiserOf(context.User) is { } advertiser && AdvertiserEvents.Refusal(events, prefix, advertiser, intake.Index) is { } refusal)
        {
            return TypedResults.Problem(title: "Not this advertiser's events.", detail: refusal, statusCode: StatusCodes.Status403Forbidden);
        }

        try
        {
            await EventLogWriter.AppendAsync(intake.Log, events, context.RequestAborted);
        }
        catch (LogUnavailableException e)
        {
            return LogUnavailable.Problem(context, e);
        }

        return new EventsAcceptedResult(events.Count);
    }
}

/// <summary>The singletons event ingestion needs, taken once instead of from a request scope per event.</summary>
public sealed record EventIntake(IPartitionedLog Log, TimeProvider Clock, ITrackingTokenVerifier Verifier, AuctionIndex Index);
