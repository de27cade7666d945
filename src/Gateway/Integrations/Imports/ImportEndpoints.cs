using System.Text;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Integrations.Imports;

/// <summary>
/// <c>POST /v1/imports/conversions|contacts</c> (admin, <c>text/csv</c>) → 202 with a job id; <c>GET /v1/imports/{jobId}</c>
/// → progress and the per-row error report. The file's structure is checked at once (400), its rows in the job.
/// </summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        var maxBytes = routes.ServiceProvider.GetRequiredService<IOptions<IntegrationOptions>>().Value.MaxImportBytes;
        var group = routes.MapGroup("/v1/imports").WithTags("Integrations").RequireAuthorization(Policies.Admin);
        group.MapPost("/conversions", (HttpRequest request, ImportRunner runner, IOptions<IntegrationOptions> options, CancellationToken ct) =>
            StartAsync(ImportKinds.Conversions, ["userId", "occurredAt"], request, runner, options.Value, ct)).WithBodySizeLimit(maxBytes);
        group.MapPost("/contacts", (HttpRequest request, ImportRunner runner, IOptions<IntegrationOptions> options, CancellationToken ct) =>
            StartAsync(ImportKinds.Contacts, ["userId"], request, runner, options.Value, ct)).WithBodySizeLimit(maxBytes);
        group.MapGet("/{jobId}", GetAsync);
        return routes;
    }

    public static async Task<Results<Accepted<ImportJob>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string kind, string[] requiredColumns, HttpRequest request, ImportRunner runner, IntegrationOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            // 415 like every JSON endpoint given the wrong media type, still naming what to change.
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["contentType"] = ["Send the file as text/csv."] })
            {
                Title = "Unsupported media type.",
                Status = StatusCodes.Status415UnsupportedMediaType,
            });
        }

        CsvTable table;
        try
        {
            table = CsvTable.Parse(Encoding.UTF8.GetString(await RequestBody.ReadAsync(request, options.MaxImportBytes, cancellationToken)));
        }
        catch (FormatException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [e.Message] });
        }

        if (requiredColumns.Where(c => table.Column(c) < 0).ToList() is [_, ..] missing)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["header"] = [$"Missing columns: {string.Join(", ", missing)}."] });
        }

        var jobId = Guid.CreateVersion7().ToString("N");
        await runner.EnqueueAsync(new ImportRequest(jobId, kind, table));
        var now = DateTimeOffset.UtcNow;
        return TypedResults.Accepted($"/v1/imports/{jobId}", new ImportJob(jobId, kind, ImportStates.Running, table.Rows.Count, 0, 0, 0, [], 0, now, now, null));
    }

    public static async Task<Results<Ok<ImportJob>, NotFound>> GetAsync(string jobId, IGrainFactory grains) =>
        jobId.Length <= 64 && await grains.GetGrain<IImportJobGrain>(jobId).GetAsync() is { } job ? TypedResults.Ok(job) : TypedResults.NotFound();
}
