using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Grains.Alerts;

/// <summary>Knobs of alert evaluation and webhooks (docs/alerts.md, "Knobs"); delivery retries in <see cref="Webhooks.DeliveryOptions"/>.</summary>
public sealed class AlertOptions : Webhooks.DeliveryOptions
{
    public const string SectionName = "Alerts";

    /// <summary>
    /// Hysteresis: an open alert resolves once the value is back beyond the threshold by this fraction of it (or the
    /// condition has not held for a full window).
    /// </summary>
    [Range(0.0, 1.0)]
    public double ResolveMargin { get; set; } = 0.1;

    /// <summary>A rule evaluates at most this often however many commits touch its scope.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan EvaluateAtMostEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Anomaly rules compare the window with the same window on each of this many past days.</summary>
    [Range(1, 28)]
    public int AnomalyBaselineDays { get; set; } = 14;

    /// <summary>An anomaly rule judges nothing until this many past days had data (above its volume guard).</summary>
    [Range(1, 28)]
    public int AnomalyWarmupDays { get; set; } = 7;

    /// <summary>How often the pipeline-health gauges (lag, deadLetters, silosDown) are sampled for health rules.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(15);
}
