using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Gateway.Ads.Tracking;

public sealed class TrackingOptions
{
    public const string SectionName = "Tracking";

    /// <summary>HMAC-SHA256 key of the tracking tokens; every gateway of a cluster needs the same one. Generated into the data directory when unset.</summary>
    [Required]
    [MinLength(32)]
    public string SigningKey { get; set; } = "";

    /// <summary>How long an impression or click URL stays valid. The campaign grain's dedupe window is twice this (2 h).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long after its auction a click's token still attributes a conversion or purchase (POST /v1/events with
    /// the token). Conversions come later than beacons, so this is separate from and longer than the token lifetime;
    /// it is counted from the token's issue time (its expiry minus <see cref="TokenLifetime"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:15:00", "400.00:00:00")]
    public TimeSpan ConversionWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Absolute base of the tracking URLs (e.g. https://ads.example); unset: the request's scheme and host.</summary>
    [Url]
    public string? BaseUrl { get; set; }
}
