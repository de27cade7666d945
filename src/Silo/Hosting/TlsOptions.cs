using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Silo.Hosting;

/// <summary>
/// What the service adds when it serves HTTPS (section <c>Tls</c>; docs/tls.md). Certificates themselves are Kestrel's
/// configuration: <c>Kestrel:Endpoints:&lt;name&gt;:Url</c> and <c>:Certificate:Path</c> / <c>:KeyPath</c> / <c>:Password</c>.
/// </summary>
public sealed class TlsOptions
{
    public const string SectionName = "Tls";

    /// <summary>Send Strict-Transport-Security on HTTPS responses (only when an HTTPS endpoint is configured).</summary>
    public bool Hsts { get; set; } = true;

    /// <summary>How long browsers remember to use HTTPS only.</summary>
    [Range(1, 3650)]
    public int HstsMaxAgeDays { get; set; } = 365;

    public bool HstsIncludeSubDomains { get; set; }
}
