using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Alerts;

/// <summary>One episode of a rule's condition holding, from firing to resolved (docs/alerts.md).</summary>
[GenerateSerializer, Immutable]
public sealed record Alert
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string RuleId { get; init; }
    [Id(2)] public required string State { get; init; }
    [Id(3)] public required string Metric { get; init; }

    /// <summary>The metric's value at the last evaluation (the one that fired, while firing; the one that resolved, once resolved).</summary>
    [Id(4)] public required double Value { get; init; }
    [Id(5)] public required double Threshold { get; init; }
    [Id(6)] public required AlertScope Scope { get; init; }
    [Id(7)] public required DateTimeOffset StartedAt { get; init; }
    [Id(8)] public DateTimeOffset? AcknowledgedAt { get; init; }
    [Id(9)] public DateTimeOffset? ResolvedAt { get; init; }
    [Id(10)] public IReadOnlyList<AlertTransition> History { get; init; } = [];

    /// <summary>Only on <c>GET /v1/alerts/{id}</c>: the webhook attempts, oldest first.</summary>
    [Id(11), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AlertDelivery>? Deliveries { get; init; }

    [JsonIgnore]
    public bool IsOpen => State != AlertStates.Resolved;

    public static bool TryParseId(string alertId, out string ruleId, out long sequence)
    {
        var dot = alertId.LastIndexOf('.');
        ruleId = dot > 0 ? alertId[..dot] : "";
        sequence = 0;
        return dot > 0 && long.TryParse(alertId.AsSpan(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sequence);
    }
}

[GenerateSerializer, Immutable]
public sealed record AlertTransition([property: Id(0)] string State, [property: Id(1)] DateTimeOffset At, [property: Id(2)] double Value);

/// <summary>
/// One delivery attempt on a <see cref="Channel"/> (<see cref="AlertChannels"/>): for a webhook <see cref="Url"/> is
/// its URL and <see cref="Status"/> the HTTP status; for email <see cref="Url"/> is <c>mailto:</c> the recipients and
/// <see cref="Status"/> the SMTP reply code. Null status: no answer came. Attempts stored before email existed have
/// no channel: they were webhooks.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AlertDelivery(
    [property: Id(0)] string Url, [property: Id(1)] int Attempt, [property: Id(2)] int? Status, [property: Id(3)] string? Error,
    [property: Id(4)] DateTimeOffset At, [property: Id(5)] string Event, [property: Id(6)] string? Channel = AlertChannels.Webhook);

public static class AlertChannels
{
    public const string Webhook = "webhook";
    public const string Email = "email";
}

public enum AckOutcome
{
    NotFound,
    Acknowledged,
    NotFiring,
}
