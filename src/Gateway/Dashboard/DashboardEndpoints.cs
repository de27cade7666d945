using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace AdOrleans.Gateway.Dashboard;

/// <summary>
/// The operator dashboard: <c>/</c> serves the app without auth (it asks for the admin key and sends
/// it as <c>X-Api-Key</c> on every API call), <c>/dashboard/*</c> its embedded files.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Scripts and styles only from this origin; API calls only to it; no framing.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("/", (HttpContext context) => Serve("index.html", context));
        group.MapGet("/dashboard/features", (EndpointDataSource endpoints) => TypedResults.Ok(DashboardFeatures.From(endpoints)));
        group.MapGet("/dashboard/{**path}", (string path, HttpContext context) => Serve(path, context));
        return routes;
    }

    private static Results<FileContentHttpResult, NotFound> Serve(string path, HttpContext context)
    {
        if (DashboardAssets.Shared.Find(path) is not { } asset)
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (path == "index.html")
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
    }
}
