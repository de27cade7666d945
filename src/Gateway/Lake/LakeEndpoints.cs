using AdOrleans.Gateway.Auth;
using AdOrleans.Grains.Lake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Lake;

/// <summary>
/// <c>GET /v1/lake/manifest</c> (the visible files with rows and offset ranges) and <c>POST /v1/lake/query</c>
/// (read-only DuckDB SQL over them, limited in rows and time), docs/lake.md. Admin or analyst key.
/// </summary>
public static class LakeEndpoints
{
    public const int DefaultMaxRows = 1000;
    public const int DefaultTimeoutSeconds = 10;
    public const int MaxSqlLength = 100_000;

    public static IEndpointRouteBuilder MapLakeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/lake").WithTags("Lake").RequireAuthorization(Policies.Reader);
        group.MapGet("/manifest", async (LakeManifestReader manifest) => TypedResults.Ok(await manifest.ManifestAsync()));
        group.MapPost("/query", QueryAsync);
        return routes;
    }

    public static async Task<Results<Ok<LakeQueryResult>, ValidationProblem, ProblemHttpResult>> QueryAsync(
        LakeQueryRequest request, LakeQueryEngine engine, IOptions<LakeOptions> options, CancellationToken ct)
    {
        var limits = options.Value;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Sql) || request.Sql.Length > MaxSqlLength)
        {
            errors["sql"] = [$"Required, at most {MaxSqlLength} characters."];
        }

        var maxRows = request.MaxRows ?? Math.Min(DefaultMaxRows, limits.MaxQueryRows);
        if (maxRows < 1 || maxRows > limits.MaxQueryRows)
        {
            errors["maxRows"] = [$"Must be between 1 and {limits.MaxQueryRows}."];
        }

        var timeout = request.TimeoutSeconds ?? Math.Min(DefaultTimeoutSeconds, limits.MaxQueryTimeoutSeconds);
        if (timeout < 1 || timeout > limits.MaxQueryTimeoutSeconds)
        {
            errors["timeoutSeconds"] = [$"Must be between 1 and {limits.MaxQueryTimeoutSeconds}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await engine.RunAsync(request.Sql!, maxRows, TimeSpan.FromSeconds(timeout), ct) switch
        {
            LakeQueryOutcome.Done done => TypedResults.Ok(done.Result),
            LakeQueryOutcome.Refused refused => TypedResults.Problem(title: "Query refused.", detail: refused.Reason, statusCode: StatusCodes.Status400BadRequest),
            LakeQueryOutcome.TimedOut late => TypedResults.Problem(
                title: "Query timed out.", detail: $"The query did not finish within {late.Limit.TotalSeconds:0} s and was interrupted.", statusCode: StatusCodes.Status408RequestTimeout),
            var other => throw new InvalidOperationException($"Unknown outcome {other}."),
        };
    }
}
