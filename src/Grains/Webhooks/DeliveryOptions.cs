using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Grains.Webhooks;

/// <summary>
/// The retry knobs every outbound delivery shares (alert webhooks and email, automation webhooks and emitted events),
/// bound in each feature's own section (<c>Alerts:Retries</c>, <c>Automation:Retries</c>, …).
/// </summary>
public abstract class DeliveryOptions
{
    /// <summary>Retries after the first attempt, with exponential back-off from <see cref="RetryDelay"/>.</summary>
    [Range(1, 10)]
    public int Retries { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Per webhook attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public WebhookPolicy ToPolicy() => new(Retries, RetryDelay, WebhookTimeout);
}
