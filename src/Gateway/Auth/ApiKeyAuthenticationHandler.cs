using System.Text.Encodings.Web;
using AdOrleans.Gateway.Integrations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Auth;

/// <summary>Turns a valid <c>X-Api-Key</c> (or, under /orleans only, the sign-in cookie; under /mp/collect, GA4's <c>api_secret</c>) into a principal with its role (and advertiser name); keys compare in constant time.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptionsMonitor<ApiKeyOptions> keys,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented) && Request.Path.StartsWithSegments(OrleansDashboard.Path))
        {
            presented = Request.Cookies[OrleansDashboard.Cookie];
        }

        if (string.IsNullOrEmpty(presented) && Request.Path.StartsWithSegments(MeasurementProtocol.Path))
        {
            // GA4 tags send their secret in the query; there only, api_secret is the API key.
            presented = Request.Query[MeasurementProtocol.SecretParameter];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return KeyTable.For(keys.CurrentValue).HolderOf(presented) is { } holder ? holder.Authenticated : Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
    }
}

/// <summary>The Orleans dashboard is a page the browser loads itself: under it only, the product dashboard's cookie carries the key.</summary>
public static class OrleansDashboard
{
    public const string Path = "/orleans";
    public const string Cookie = "adorleans_key";
}
