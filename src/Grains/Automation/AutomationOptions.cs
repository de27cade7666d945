using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Grains.Automation;

/// <summary>Knobs of automation rules (section <c>Automation</c>, docs/automation.md).</summary>
public sealed class AutomationOptions
{
    public const string SectionName = "Automation";

    /// <summary>Retries of a webhook or an emitted event's append after the first attempt, with exponential back-off.</summary>
    [Range(1, 10)]
    public int Retries { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Per webhook attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each silo asks whether any rule exists (its aggregators forward users' events only then).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Users a shard keeps automation state for (segments seen, waits, fired windows); the least recently seen go first.</summary>
    [Range(100, 10_000_000)]
    public int MaxUsersPerShard { get; set; } = 100_000;
}
