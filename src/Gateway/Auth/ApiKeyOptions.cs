namespace AdOrleans.Gateway.Auth;

/// <summary>
/// API keys (header <c>X-Api-Key</c>), one role per key. Admin keys may do everything; client keys auctions and
/// events; analyst keys the GETs of KPIs and reports; an advertiser's keys the money events of its own campaigns.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    public List<string> AdminKeys { get; set; } = [];

    public List<string> ClientKeys { get; set; } = [];

    public List<string> AnalystKeys { get; set; } = [];

    /// <summary><c>Auth:Advertisers:&lt;name&gt;:Keys</c>; the name is compared (ordinal) with a campaign's <c>advertiser</c>.</summary>
    public Dictionary<string, AdvertiserKeys> Advertisers { get; set; } = new(StringComparer.Ordinal);
}

public sealed class AdvertiserKeys
{
    public List<string> Keys { get; set; } = [];
}
