using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Grains.Alerts;

/// <summary>
/// Optional email for alerts (docs/alerts.md, "Email"): with a <see cref="Host"/>, every firing and resolving alert is
/// also mailed to <see cref="To"/>, retried like the webhooks. Cross-field rules: <see cref="AlertSmtpOptionsValidator"/>.
/// </summary>
public sealed class AlertSmtpOptions
{
    public const string SectionName = "Alerts:Smtp";

    /// <summary>The SMTP server; unset (the default) sends no email.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The sender, e.g. <c>AdOrleans alerts &lt;alerts@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>Recipients, separated by commas or semicolons.</summary>
    public string? To { get; set; }

    /// <summary>With <see cref="Password"/>: authenticate (only over TLS unless <see cref="UseTls"/> is off).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS on connect on port 465, STARTTLS (required) on any other; off only for a local relay or a test receiver.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Per attempt: connect, authenticate, send.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IReadOnlyList<string> Recipients =>
        (To ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
