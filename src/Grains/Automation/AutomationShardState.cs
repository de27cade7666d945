using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Automation;

/// <summary>
/// An automation shard's own stored row: the offsets it applied per events partition (a replayed delivery re-sends
/// offsets at or below them) and the firings decided but not yet stored by their rule grains. Its users are keyed rows
/// of their own (<see cref="AutomationUser"/>), written in the same transaction when they changed.
/// </summary>
public sealed class AutomationShardState : IEmitsRows
{
    public Dictionary<int, long> Applied { get; set; } = [];

    public List<AutomationFiring> Outbox { get; set; } = [];

    [JsonIgnore]
    public List<object> PendingRows { get; } = [];
}
