using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Grains.Automation;

/// <summary>Knobs of automation rules (section <c>Automation</c>, docs/automation.md); the retries of webhooks and emitted events in <see cref="Webhooks.DeliveryOptions"/>.</summary>
public sealed class AutomationOptions : Webhooks.DeliveryOptions
{
    public const string SectionName = "Automation";

    /// <summary>How often each silo asks whether any rule exists (its aggregators forward users' events only then).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Users a shard keeps automation state for (segments seen, waits, fired windows); the least recently seen go first.</summary>
    [Range(100, 10_000_000)]
    public int MaxUsersPerShard { get; set; } = 100_000;
}
