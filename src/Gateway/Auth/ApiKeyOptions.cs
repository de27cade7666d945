namespace AdOrleans.Gateway.Auth;

/// <summary>API keys (header <c>X-Api-Key</c>). Admin keys may do everything; client keys only auctions and events.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    public List<string> AdminKeys { get; set; } = [];

    public List<string> ClientKeys { get; set; } = [];
}
