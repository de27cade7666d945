namespace AdOrleans.Simulator.Running;

/// <summary>Reads the tracking URLs the auction returns. Only path and query are used, so a gateway behind a proxy or another host name still works.</summary>
public static class TrackingUrl
{
    public static string? PathAndQuery(string? url) =>
        url is null ? null
        : url.StartsWith('/') ? url
        : Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.PathAndQuery
        : null;

    public static string? Token(string? url)
    {
        var query = PathAndQuery(url) is { } p && p.IndexOf('?') is var q and >= 0 ? p[(q + 1)..] : null;
        foreach (var part in (query ?? "").Split('&'))
        {
            if (part.StartsWith("token=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(part["token=".Length..]);
            }
        }

        return null;
    }
}
