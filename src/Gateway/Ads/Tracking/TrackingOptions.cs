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

    /// <summary>Absolute base of the tracking URLs (e.g. https://ads.example); unset: the request's scheme and host.</summary>
    [Url]
    public string? BaseUrl { get; set; }
}
