using System.Text.Json;
using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Auth;
using AdOrleans.Gateway.Events;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Integrations;

/// <summary><c>POST /mp/collect</c>: existing GA4 tags send here (client key as <c>api_secret</c>); 204 once the events are durable.</summary>
public static class MeasurementProtocolEndpoints
{
    public static IEndpointRouteBuilder MapMeasurementProtocol(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(MeasurementProtocol.Path, CollectAsync).RequireAuthorization(Policies.Events).WithTags("Integrations").WithBodySizeLimit(128 * 1024);
        return routes;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> CollectAsync(
        HttpRequest request, IPartitionedLog log, ITrackingTokenVerifier verifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        MeasurementProtocolBody? body;
        try
        {
            // GA4 tags often send text/plain: the body is read as JSON whatever its content type says.
            body = await JsonSerializer.DeserializeAsync(request.Body, MeasurementProtocolJsonContext.Default.MeasurementProtocolBody, cancellationToken);
        }
        catch (JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"Not a Measurement Protocol body: {e.Message}"] });
        }

        var now = clock.GetUtcNow();
        var (mapped, _, error) = body is null ? ([], 0, "body") : MeasurementProtocol.Map(body, now);
        if (error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [error] = [$"Required: a client_id and 1 to {MeasurementProtocol.MaxEvents} events."] });
        }

        var errors = new Dictionary<string, string[]>();
        var events = new List<TrackedEvent>();
        for (var i = 0; i < mapped.Count; i++)
        {
            if (EventValidator.Validate(mapped[i], $"events[{i}].", now, errors, verifier, mayVouch: false) is { } tracked)
            {
                events.Add(tracked);
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            await EventLogWriter.AppendAsync(log, events, cancellationToken);
        }
        catch (LogUnavailableException e)
        {
            return LogUnavailable.Problem(request.HttpContext, e);
        }

        return TypedResults.NoContent();
    }
}
