using AdOrleans.Gateway.Integrations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Auth;

/// <summary>
/// Turns a valid <c>X-Api-Key</c> (or, under /orleans only, the sign-in cookie; under /mp/collect, GA4's <c>api_secret</c>)
/// into a principal with its role (and advertiser name); keys compare in constant time. A challenge answers 401, a
/// forbid 403 (status code pages make both ProblemDetails). It implements <see cref="IAuthenticationHandler"/> itself
/// rather than deriving from <see cref="AuthenticationHandler{TOptions}"/>: ASP.NET creates a handler per request, and
/// the base class's constructor and initialisation (a logger from the factory under its lock, the scheme options, the
/// clock) cost every auction more than the key lookup; this one takes two singletons. Its log lines are the base
/// class's (same category, event ids and messages).
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyOptions> keys, ILogger<ApiKeyAuthenticationHandler> logger) : IAuthenticationHandler
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    private static readonly Task<AuthenticateResult> NoKey = Task.FromResult(AuthenticateResult.NoResult());
    private static readonly Task<AuthenticateResult> UnknownKey = Task.FromResult(AuthenticateResult.Fail("Unknown API key."));

    private HttpContext _context = null!;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _context = context;
        return Task.CompletedTask;
    }

    /// <summary>The key the request presents: the header, else under /orleans the sign-in cookie, under /mp/collect GA4's secret.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        string? presented = request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented) && request.Path.StartsWithSegments(OrleansDashboard.Path))
        {
            presented = request.Cookies[OrleansDashboard.Cookie];
        }

        if (string.IsNullOrEmpty(presented) && request.Path.StartsWithSegments(MeasurementProtocol.Path))
        {
            // GA4 tags send their secret in the query; there only, api_secret is the API key.
            presented = request.Query[MeasurementProtocol.SecretParameter];
        }

        return presented;
    }

    public Task<AuthenticateResult> AuthenticateAsync()
    {
        var presented = PresentedKey(_context.Request);
        if (string.IsNullOrEmpty(presented))
        {
            Log.NotAuthenticated(logger, SchemeName);
            return NoKey;
        }

        if (KeyTable.For(keys.CurrentValue).HolderOf(presented) is { } holder)
        {
            Log.Authenticated(logger, SchemeName);
            return holder.Authenticated;
        }

        Log.NotAuthenticatedWithFailure(logger, SchemeName, "Unknown API key.");
        return UnknownKey;
    }

    public Task ChallengeAsync(AuthenticationProperties? properties)
    {
        _context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        Log.Challenged(logger, SchemeName);
        return Task.CompletedTask;
    }

    public Task ForbidAsync(AuthenticationProperties? properties)
    {
        _context.Response.StatusCode = StatusCodes.Status403Forbidden;
        Log.Forbidden(logger, SchemeName);
        return Task.CompletedTask;
    }

    /// <summary>The messages and event ids of <see cref="AuthenticationHandler{TOptions}"/>, so log queries keep matching.</summary>
    private static partial class Log
    {
        [LoggerMessage(7, LogLevel.Information, "{AuthenticationScheme} was not authenticated. Failure message: {FailureMessage}", EventName = "AuthenticationSchemeNotAuthenticatedWithFailure")]
        public static partial void NotAuthenticatedWithFailure(ILogger logger, string authenticationScheme, string failureMessage);

        [LoggerMessage(8, LogLevel.Debug, "AuthenticationScheme: {AuthenticationScheme} was successfully authenticated.", EventName = "AuthenticationSchemeAuthenticated")]
        public static partial void Authenticated(ILogger logger, string authenticationScheme);

        [LoggerMessage(9, LogLevel.Debug, "AuthenticationScheme: {AuthenticationScheme} was not authenticated.", EventName = "AuthenticationSchemeNotAuthenticated")]
        public static partial void NotAuthenticated(ILogger logger, string authenticationScheme);

        [LoggerMessage(12, LogLevel.Information, "AuthenticationScheme: {AuthenticationScheme} was challenged.", EventName = "AuthenticationSchemeChallenged")]
        public static partial void Challenged(ILogger logger, string authenticationScheme);

        [LoggerMessage(13, LogLevel.Information, "AuthenticationScheme: {AuthenticationScheme} was forbidden.", EventName = "AuthenticationSchemeForbidden")]
        public static partial void Forbidden(ILogger logger, string authenticationScheme);
    }
}

/// <summary>The Orleans dashboard is a page the browser loads itself: under it only, the product dashboard's cookie carries the key.</summary>
public static class OrleansDashboard
{
    public const string Path = "/orleans";
    public const string Cookie = "adorleans_key";
}
