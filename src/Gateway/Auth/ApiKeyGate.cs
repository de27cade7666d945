using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Auth;

/// <summary>
/// Authenticates and authorizes the endpoints marked with <see cref="ApiKeyRoles"/> (the auctions and event ingestion)
/// in one step, and sends every other request through ASP.NET's authentication and authorization middleware as before.
/// Those two cost each auction or event a request scope's authentication service and handler provider, a policy
/// evaluator, an authorization context, tickets, results and several async frames: more than the ranking itself. Here
/// an admitted key costs one lookup in the key table and one feature object. A refused request gets what the middleware
/// would give it: the scheme authenticates it (and logs why it failed), then challenges it (401) or, for a valid key of
/// another role, forbids it (403); the status code pages make either a ProblemDetails.
/// </summary>
internal sealed class ApiKeyGate(RequestDelegate next, RequestDelegate standard, IOptionsMonitor<ApiKeyOptions> keys)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRoles>() is not { } roles)
        {
            return standard(context);
        }

        if (ApiKeyAuthenticationHandler.PresentedKey(context.Request) is { Length: > 0 } presented
            && KeyTable.For(keys.CurrentValue).HolderOf(presented) is { } holder && roles.Admit(holder.Role))
        {
            // What the authentication middleware records for a successful scheme.
            var features = new KeyAuthentication(holder.Result);
            context.Features.Set<IHttpAuthenticationFeature>(features);
            context.Features.Set<IAuthenticateResultFeature>(features);
            return next(context);
        }

        return RefuseAsync(context);
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync();
        if (result.Principal is not null)
        {
            context.User = result.Principal;
        }

        if (result.Succeeded)
        {
            await context.ForbidAsync();
        }
        else
        {
            await context.ChallengeAsync();
        }
    }

    /// <summary>The principal and result of an admitted key, as the authentication middleware's own feature keeps them.</summary>
    private sealed class KeyAuthentication(AuthenticateResult result) : IHttpAuthenticationFeature, IAuthenticateResultFeature
    {
        private AuthenticateResult? _result = result;
        private ClaimsPrincipal? _user = result.Principal;

        public AuthenticateResult? AuthenticateResult
        {
            get => _result;
            set => (_result, _user) = (value, value?.Principal);
        }

        public ClaimsPrincipal? User
        {
            get => _user;
            set => (_user, _result) = (value, null);
        }
    }
}

public static class ApiKeyGateExtensions
{
    /// <summary>
    /// Authentication and authorization: <see cref="ApiKeyGate"/> for the endpoints marked with <see cref="ApiKeyRoles"/>,
    /// the authentication and authorization middleware for every other request.
    /// </summary>
    public static IApplicationBuilder UseApiKeyAuth(this IApplicationBuilder app)
    {
        var keys = app.ApplicationServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>();

        // UseAuthentication and UseAuthorization flag the builder they are called on, and WebApplication adds both at
        // the start of the pipeline (before the exception handler and status code pages) unless its own builder carries
        // the flags: these are ASP.NET's keys. Should they change, that extra pair runs first and a 401 loses its
        // ProblemDetails body, which ProblemDetailsTests and AuctionResponseWritingTests catch.
        app.Properties["__AuthenticationMiddlewareSet"] = true;
        app.Properties["__AuthorizationMiddlewareSet"] = true;
        return app.Use(next =>
        {
            var standard = app.New();
            standard.UseAuthentication();
            standard.UseAuthorization();
            standard.Run(next);
            return new ApiKeyGate(next, standard.Build(), keys).InvokeAsync;
        });
    }
}
