using System.Globalization;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Http;

namespace AdOrleans.Gateway.Audit;

/// <summary>
/// Records every change an admin or advertiser key asks for (POST, PUT, PATCH, DELETE; events and auctions are
/// traffic, and lake queries are reads posted for their body, not changes) in the audit log of the day, after the answer is known. A failure to record is logged and
/// does not fail the request: the change itself already happened or was refused.
/// </summary>
public sealed partial class AuditMiddleware(RequestDelegate next, IGrainFactory grains, TimeProvider clock, ILogger<AuditMiddleware> logger)
{
    private static readonly PathString[] Traffic = ["/v1/events", "/v1/auction", "/openrtb2", "/v1/t", "/mp", "/v1/lake/query"];

    /// <summary>
    /// Reads and traffic are passed on as they are, without an async frame: every auction and event comes through
    /// here, and awaiting the endpoint only to find it was traffic cost each of them a state machine and a closure.
    /// </summary>
    public Task InvokeAsync(HttpContext context) => MayChange(context.Request) ? InvokeAuditedAsync(context) : next(context);

    private static bool MayChange(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return false;
        }

        foreach (var traffic in Traffic)
        {
            if (request.Path.StartsWithSegments(traffic))
            {
                return false;
            }
        }

        return true;
    }

    private async Task InvokeAuditedAsync(HttpContext context)
    {
        await next(context);
        var request = context.Request;
        if (!(context.User.IsInRole(Roles.Admin) || context.User.IsInRole(Roles.Advertiser)))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            At = now,
            Key = context.User.FindFirst(ApiKeyClaims.KeyName)?.Value ?? "unknown",
            Role = context.User.IsInRole(Roles.Admin) ? Roles.Admin : Roles.Advertiser,
            Advertiser = context.User.Advertiser(),
            Method = request.Method,
            Path = Redacted(request.Path),
            Status = context.Response.StatusCode,
        };
        try
        {
            await grains.GetGrain<IAuditLogGrain>(Day(now)).AppendAsync(entry);
        }
        catch (Exception e)
        {
            Log.NotRecorded(logger, e, entry.Key, entry.Method, entry.Path);
        }
    }

    /// <summary>A user id in a path is personal data the audit log must not keep (an erasure's own DELETE included).</summary>
    public static string Redacted(PathString path) =>
        path.StartsWithSegments("/v1/users", out var rest) && rest.HasValue
            ? "/v1/users/{userId}" + rest.Value![(rest.Value.IndexOf('/', 1) is var slash and > 0 ? slash : rest.Value.Length)..]
            : path.Value ?? "";

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Error, "Could not record {Key} {Method} {Path} in the audit log")]
        public static partial void NotRecorded(ILogger logger, Exception e, string key, string method, string path);
    }
}
