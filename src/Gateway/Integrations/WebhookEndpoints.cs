using System.Text.Json;
using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Events;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Integrations;

/// <summary>
/// <c>POST /v1/integrations/webhooks/{source}</c>: a configured source's signed payload becomes events (appended
/// durably before the 202) and contact updates. The signature is the credential: no API key, and a delivery whose
/// signature does not match stores nothing (401).
/// </summary>
public static class WebhookEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/integrations/webhooks/{source}", ReceiveAsync).AllowAnonymous().WithTags("Integrations").WithBodySizeLimit(MaxBodyBytes);
        return routes;
    }

    public static async Task<Results<Accepted<WebhookAccepted>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        string source, HttpRequest request, IOptions<IntegrationOptions> options, IPartitionedLog log, IGrainFactory grains,
        ITrackingTokenVerifier verifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!options.Value.Sources.TryGetValue(source, out var settings))
        {
            return TypedResults.Problem(title: "Unknown source.", detail: $"No webhook source '{source}' is configured (Integrations:Sources).", statusCode: StatusCodes.Status404NotFound);
        }

        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (!WebhookSignature.IsValid(body, settings.Secret, request.Headers[WebhookSignature.Header]))
        {
            return TypedResults.Problem(title: "Bad signature.", detail: $"{WebhookSignature.Header} must be sha256=<hex HMAC-SHA256 of the body with the source's secret>; nothing was stored.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        WebhookBatch batch;
        List<TrackedEvent> events;
        try
        {
            (batch, events) = settings.Kind == WebhookKinds.Cost
                ? (new WebhookBatch([], [], 0), CostReportMapping.Map(source, body, now, errors))
                : Validated(WebhookMapping.Map(source, settings, body, now), now, errors, verifier);
        }
        catch (JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"Not a '{settings.Kind}' payload: {e.Message}"] });
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

        await Task.WhenAll(batch.Contacts.Select(c => grains.GetGrain<IContactGrain>(c.UserId).UpsertAsync(c.Update)));
        return TypedResults.Accepted((string?)null, new WebhookAccepted(events.Count, batch.Contacts.Count, batch.Ignored));
    }

    /// <summary>The batch's events validated like API events (the source vouches for its conversions like an admin key) and its contacts checked.</summary>
    private static (WebhookBatch, List<TrackedEvent>) Validated(WebhookBatch batch, DateTimeOffset now, Dictionary<string, string[]> errors, ITrackingTokenVerifier verifier)
    {
        var events = new List<TrackedEvent>();
        for (var i = 0; i < batch.Events.Count; i++)
        {
            if (EventValidator.Validate(batch.Events[i], $"events[{i}].", now, errors, verifier, mayVouch: true) is { } tracked)
            {
                events.Add(tracked);
            }
        }

        for (var i = 0; i < batch.Contacts.Count; i++)
        {
            if (batch.Contacts[i].UserId is { Length: 0 or > EventValidator.MaxIdLength } || batch.Contacts[i].UserId.Any(char.IsControl))
            {
                errors[$"contacts[{i}].userId"] = [$"Must be 1 to {EventValidator.MaxIdLength} printable characters."];
            }
        }

        return (batch, events);
    }
}
