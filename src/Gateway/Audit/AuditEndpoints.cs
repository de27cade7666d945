using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace AdOrleans.Gateway.Audit;

public sealed record AuditLog(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AuditEntry> Entries, long Dropped);

/// <summary><c>GET /v1/audit?from=&amp;to=</c> (admin): who changed what, when. Default: the last 24 hours; at most 31 days.</summary>
public static class AuditEndpoints
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(31);

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/audit", GetAsync).RequireAuthorization(Policies.Admin).WithTags("Audit");
        return routes;
    }

    public static async Task<Results<Ok<AuditLog>, ValidationProblem>> GetAsync(DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains, TimeProvider clock)
    {
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        if (end <= start || end - start > MaxRange)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [$"Must be after from, at most {MaxRange.TotalDays} days later."] });
        }

        var days = new List<Task<AuditDay>>();
        for (var day = start.UtcDateTime.Date; day <= end.UtcDateTime.Date; day = day.AddDays(1))
        {
            days.Add(grains.GetGrain<IAuditLogGrain>(AuditMiddleware.Day(day)).GetAsync());
        }

        var logs = await Task.WhenAll(days);
        var entries = logs.SelectMany(d => d.Entries).Where(e => e.At >= start && e.At < end).OrderBy(e => e.At).ToList();
        return TypedResults.Ok(new AuditLog(start, end, entries, logs.Sum(d => d.Dropped)));
    }
}
