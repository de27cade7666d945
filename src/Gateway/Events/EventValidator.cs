using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Events;

/// <summary>Checks one event and turns it into what goes on the log; reports every problem, keyed by field path.</summary>
public static class EventValidator
{
    public const int MaxIdLength = 128;

    /// <summary>A trillion currency units: no real event is worth more, so anything above is a client bug.</summary>
    public const long MaxValueMicros = 1_000_000_000_000_000_000;

    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    public static TrackedEvent? Validate(EventRequest? request, string prefix, DateTimeOffset now, Dictionary<string, string[]> errors, ITrackingTokenVerifier? verifier = null)
    {
        if (request is null)
        {
            errors[prefix.TrimEnd('.')] = ["The event is missing."];
            return null;
        }

        var before = errors.Count;
        RequireId(request.EventId, prefix + "eventId", errors, required: true);
        if (request.Type is null || !EventTypes.All.Contains(request.Type))
        {
            errors[prefix + "type"] = [$"Must be one of: {string.Join(", ", EventTypes.All)}."];
        }

        if (request.Channel is null || !Channels.All.Contains(request.Channel))
        {
            errors[prefix + "channel"] = [$"Must be one of: {string.Join(", ", Channels.All)}."];
        }

        RequireId(request.CampaignId, prefix + "campaignId", errors, required: false);
        RequireId(request.CreativeId, prefix + "creativeId", errors, required: false);
        RequireId(request.SlotId, prefix + "slotId", errors, required: false);
        RequireId(request.UserId, prefix + "userId", errors, required: false);
        RequireId(request.AuctionId, prefix + "auctionId", errors, required: false);
        if (request.ValueMicros is < 0 or > MaxValueMicros)
        {
            errors[prefix + "valueMicros"] = [$"Must be between 0 and {MaxValueMicros} micros."];
        }

        var occurredAt = request.OccurredAt ?? now;
        if (occurredAt > now + MaxFutureSkew || occurredAt < now - MaxAge)
        {
            errors[prefix + "occurredAt"] = [$"Must be within {MaxAge.TotalDays} days before and {MaxFutureSkew.TotalMinutes} minutes after the server's clock."];
        }

        if (errors.Count > before)
        {
            return null;
        }

        var tracked = new TrackedEvent
        {
            EventId = request.EventId!,
            Type = request.Type!,
            AuctionId = request.AuctionId,
            CampaignId = request.CampaignId,
            CreativeId = request.CreativeId,
            SlotId = request.SlotId,
            Channel = request.Channel!,
            UserId = request.UserId,
            ValueMicros = request.ValueMicros,
            OccurredAt = occurredAt.ToUniversalTime(),
            ReceivedAt = now,
        };
        return EventTypes.AuctionLinked.Contains(tracked.Type) ? VerifyToken(tracked, request.Token, prefix, now, errors, verifier) : tracked;
    }

    /// <summary>Auction-linked events are accepted only with an authentic token, which also supplies their price and charge.</summary>
    private static TrackedEvent? VerifyToken(TrackedEvent tracked, string? token, string prefix, DateTimeOffset now, Dictionary<string, string[]> errors, ITrackingTokenVerifier? verifier)
    {
        string? error = "Tracking is not configured on this gateway.";
        var verified = verifier?.Verify(tracked, token, now, out error);
        if (verified is null)
        {
            errors[prefix + "token"] = [error ?? "Invalid tracking token."];
        }

        return verified;
    }

    private static void RequireId(string? value, string field, Dictionary<string, string[]> errors, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors[field] = ["Required."];
            }

            return;
        }

        if (value.Length is 0 or > MaxIdLength || value.Any(char.IsControl))
        {
            errors[field] = [$"Must be 1 to {MaxIdLength} printable characters."];
        }
    }
}
