using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Runtime;

public sealed class GrainRuntimeOptions
{
    public const string SectionName = "Runtime";

    /// <summary>A grain that has had no message for this long is deactivated.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan IdleDeactivationAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Turns one activation runs before it yields its thread to other grains.</summary>
    [Range(1, 100_000)]
    public int TurnsPerSlice { get; set; } = 64;
}
