using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Automation;

/// <summary>
/// "When a user in <see cref="SegmentId"/> does an event (or has not done it for some days), call a webhook or emit an
/// event", at most once per user and <see cref="WindowHours"/> window (docs/automation.md).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AutomationRule
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }

    /// <summary>Null: every user.</summary>
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SegmentId { get; init; }
    [Id(3)] public required AutomationTrigger Trigger { get; init; }
    [Id(4)] public required AutomationAction Action { get; init; }
    [Id(5)] public required double WindowHours { get; init; }
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }

    [JsonIgnore]
    public TimeSpan Window => TimeSpan.FromHours(WindowHours);

    /// <summary>The fixed window (counted from the Unix epoch) an instant falls in: a user fires once per rule and window.</summary>
    public long WindowOf(DateTimeOffset at) => (long)Math.Floor((at - DateTimeOffset.UnixEpoch).Ticks / (double)Window.Ticks);
}

/// <summary>Exactly one of <see cref="Event"/> (the user did it) and <see cref="NotDoneEvent"/> with <see cref="Days"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record AutomationTrigger
{
    [Id(0), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Event { get; init; }
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NotDoneEvent { get; init; }

    /// <summary>Fractions allowed (0.5 = 12 hours).</summary>
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Days { get; init; }

    [JsonIgnore]
    public bool IsInactivity => NotDoneEvent is not null;

    [JsonIgnore]
    public TimeSpan Inactivity => TimeSpan.FromDays(Days ?? 0);
}

/// <summary>Exactly one of the two.</summary>
[GenerateSerializer, Immutable]
public sealed record AutomationAction
{
    [Id(0), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AutomationWebhook? Webhook { get; init; }
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public AutomationEmit? EmitEvent { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AutomationWebhook
{
    [Id(0)] public required string Url { get; init; }

    /// <summary>Key of the body's HMAC-SHA256 signature; never returned by the API.</summary>
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Secret { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AutomationEmit
{
    [Id(0)] public required string Type { get; init; }
    [Id(1)] public required string Channel { get; init; }
}
