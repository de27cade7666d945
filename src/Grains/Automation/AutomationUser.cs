using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Automation;

/// <summary>
/// What a shard keeps of one user for the rules (a keyed row of its shard): the rule-named segments its events named,
/// its last click per channel a segment rule asks about, the inactivity waits it has open and the last window each rule
/// fired in for it.
/// </summary>
public sealed class AutomationUser
{
    /// <summary>Segment id → the last time an event of the user named it.</summary>
    public Dictionary<string, DateTimeOffset> Segments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Channel → the last click of the user there.</summary>
    public Dictionary<string, DateTimeOffset> Clicks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Inactivity rule id → when it fires unless the user does the rule's event first.</summary>
    public Dictionary<string, AutomationWait> Waits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rule id → the last window it fired in for this user: it fires again only in a later window.</summary>
    public Dictionary<string, long> Fired { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastSeen { get; set; }

    [JsonIgnore]
    public bool IsEmpty => Segments.Count == 0 && Clicks.Count == 0 && Waits.Count == 0 && Fired.Count == 0;
}

/// <summary>An open inactivity wait: due at <see cref="Due"/>, armed by the event <see cref="EventId"/>.</summary>
public sealed record AutomationWait(DateTimeOffset Due, string EventId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AutomationUser))]
[JsonSerializable(typeof(AutomationFiring))]
internal sealed partial class AutomationJsonContext : JsonSerializerContext;
