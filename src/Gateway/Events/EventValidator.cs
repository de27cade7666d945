using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Sentiment;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Events;

/// <summary>Checks one event and turns it into what goes on the log; reports every problem, keyed by field path.</summary>
public static class EventValidator
{
    public const int MaxIdLength = 128;

    /// <summary>A trillion currency units: no real event is worth more, so anything above is a client bug.</summary>
    public const long MaxValueMicros = 1_000_000_000_000_000_000;

    /// <summary>Social texts are posts and comments, not documents; longer bodies are a client bug.</summary>
    public const int MaxTextLength = 5000;

    /// <summary>Segments one event may name; a user is rarely in more, and each is a KPI dimension row.</summary>
    public const int MaxSegments = 32;

    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    /// <param name="mayVouch">
    /// The caller's key vouches for the campaign of a money event without a token (an admin key, or an advertiser key
    /// whose ownership the endpoint checks); a client key must bring the click's token.
    /// </param>
    public static TrackedEvent? Validate(
        EventRequest? request, string prefix, DateTimeOffset now, Dictionary<string, string[]> errors, ITrackingTokenVerifier? verifier, bool mayVouch)
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

        Ids.Check(request.CampaignId, prefix + "campaignId", errors, required: false);
        Ids.Check(request.CreativeId, prefix + "creativeId", errors, required: false);
        Ids.Check(request.SlotId, prefix + "slotId", errors, required: false);
        RequireId(request.UserId, prefix + "userId", errors, required: false);
        Ids.CheckList(request.Segments, prefix + "segments", errors);
        if (request.Segments is { Count: > MaxSegments })
        {
            errors[prefix + "segments"] = [$"At most {MaxSegments} segment ids."];
        }

        Ids.CheckCode(request.Geo, prefix + "geo", errors);
        Ids.CheckCode(request.Device, prefix + "device", errors);
        RequireId(request.AuctionId, prefix + "auctionId", errors, required: false);
        if (request.ValueMicros is < 0 or > MaxValueMicros)
        {
            errors[prefix + "valueMicros"] = [$"Must be between 0 and {MaxValueMicros} micros."];
        }

        if (request.Text is { } text && (request.Type is not (SocialTypes.Post or SocialTypes.Comment) || text.Length > MaxTextLength))
        {
            errors[prefix + "text"] = [$"Only post and comment events carry text, at most {MaxTextLength} characters."];
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
            Text = request.Text,
            Segments = request.Segments is { Count: > 0 } segments ? [.. segments.Select(id => id!)] : null,
            Sentiment = request.Text is { } scored ? SentimentScorer.Score(scored) : null,
            Geo = request.Geo,
            Device = request.Device,
        };
        if (EventTypes.AuctionLinked.Contains(tracked.Type))
        {
            return VerifyToken(tracked, request.Token, prefix, now, errors, verifier, conversion: false);
        }

        if (EventTypes.Money.Contains(tracked.Type) && request.Token is not null)
        {
            return VerifyToken(tracked, request.Token, prefix, now, errors, verifier, conversion: true);
        }

        if (EventTypes.Money.Contains(tracked.Type) && tracked.CampaignId is not null && !mayVouch)
        {
            errors[prefix + "token"] = ["A conversion or purchase that names a campaignId needs the click's token (or an advertiser key of that campaign)."];
            return null;
        }

        return tracked;
    }

    /// <summary>
    /// Impressions and clicks are accepted only with an authentic token, which also supplies their price and charge;
    /// a conversion's token attributes it to the click's campaign and creative.
    /// </summary>
    private static TrackedEvent? VerifyToken(
        TrackedEvent tracked, string? token, string prefix, DateTimeOffset now, Dictionary<string, string[]> errors, ITrackingTokenVerifier? verifier, bool conversion)
    {
        string? error = "Tracking is not configured on this gateway.";
        var verified = conversion ? verifier?.VerifyConversion(tracked, token, now, out error) : verifier?.Verify(tracked, token, now, out error);
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
