using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Automation;

/// <summary>
/// A rule fired for a user in a window. <see cref="Id"/> (<c>&lt;ruleId&gt;:&lt;userId&gt;:&lt;window&gt;</c>) is
/// deterministic: the eventId of an emitted event and what a webhook receiver deduplicates on.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AutomationFiring
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string RuleId { get; init; }
    [Id(2)] public required string UserId { get; init; }
    [Id(3)] public required long Window { get; init; }

    /// <summary><c>event</c> (the user did the trigger event) or <c>notDone</c> (not within the days after being seen).</summary>
    [Id(4)] public required string Reason { get; init; }

    /// <summary>The event that fired it (<c>event</c>), or the last one that armed the wait (<c>notDone</c>).</summary>
    [Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EventId { get; init; }
    [Id(6)] public required DateTimeOffset FiredAt { get; init; }

    /// <summary>Only in <c>GET /v1/automations/{id}/firings</c>: the action's attempts, oldest first.</summary>
    [Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<AutomationAttempt>? Attempts { get; init; }

    public static string IdOf(string ruleId, string userId, long window) => $"{ruleId}:{userId}:{window}";
}

/// <summary>
/// One attempt of a firing's action: a webhook POST (<see cref="Status"/> the HTTP status, null when no response came)
/// or an append of the emitted event to the log (<see cref="Target"/> <c>log</c>, status 202 once durable).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AutomationAttempt(
    [property: Id(0)] string Target, [property: Id(1)] int Attempt, [property: Id(2)] int? Status, [property: Id(3)] string? Error, [property: Id(4)] DateTimeOffset At);

public static class AutomationReasons
{
    public const string Event = "event";
    public const string NotDone = "notDone";
}
