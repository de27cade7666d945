namespace AdOrleans.Grains.Automation;

/// <summary>The rules a shard evaluates, with the definitions of the segments they name (null: the segment is gone).</summary>
public sealed class AutomationRuleSet(IReadOnlyList<AutomationRule> rules, IReadOnlyDictionary<string, SegmentConfig?> segments)
{
    public static readonly AutomationRuleSet Empty = new([], new Dictionary<string, SegmentConfig?>());

    public IReadOnlyList<AutomationRule> Rules { get; } = rules;

    public IReadOnlyDictionary<string, SegmentConfig?> Segments { get; } = segments;

    /// <summary>Segments some rule names: only memberships of these are remembered per user.</summary>
    public IReadOnlySet<string> SegmentIds { get; } = rules.Where(r => r.SegmentId is not null).Select(r => r.SegmentId!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Channels of the named segments' "clicked within N days" rules: only clicks of these are remembered.</summary>
    public IReadOnlySet<string> ClickChannels { get; } = segments.Values.Where(s => s?.Rules.Clicked is not null).Select(s => s!.Rules.Clicked!.Channel).ToHashSet(StringComparer.Ordinal);

    public AutomationRule? Find(string id) => Rules.FirstOrDefault(r => r.Id == id);
}
