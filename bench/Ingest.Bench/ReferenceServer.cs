using System.Text.Json;
using AdOrleans.Gateway.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Ingest.Bench;

/// <summary>
/// What any HTTP ingest endpoint on this machine must pay, without the service's work: Kestrel, routing, binding the
/// service's own <see cref="EventRequest"/> types from JSON, an API-key check and the service's own 202 body. With a
/// <see cref="GroupCommitFile"/> it also appends each event's JSON and answers once it is fsynced: the floor for a
/// durable 202. The ratio of the service to it is what ingest-bench.sh reports, as load on the host moves both.
/// </summary>
internal static class ReferenceServer
{
    public static async Task RunAsync(string url, string clientKey, string? durableFile, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        await using var app = builder.Build();
        await using var file = durableFile is null ? null : new GroupCommitFile(durableFile);
        var events = app.MapGroup("/v1/events");
        events.MapPost("/", (EventRequest request, HttpContext context) => AcceptAsync([request], clientKey, file, context));
        events.MapPost("/batch", (EventBatchRequest request, HttpContext context) => AcceptAsync(request.Events ?? [], clientKey, file, context));
        await app.StartAsync(cancellationToken);
        Console.WriteLine($"reference listening on {url}, {(file is null ? "no append" : $"group-committed appends to {durableFile}")}");
        await app.WaitForShutdownAsync(cancellationToken);
    }

    private static async Task<IResult> AcceptAsync(IReadOnlyList<EventRequest?> requests, string clientKey, GroupCommitFile? file, HttpContext context)
    {
        if (context.Request.Headers["X-Api-Key"] != clientKey)
        {
            return TypedResults.Unauthorized();
        }

        if (file is not null)
        {
            var records = new byte[requests.Count][];
            for (var i = 0; i < records.Length; i++)
            {
                records[i] = JsonSerializer.SerializeToUtf8Bytes(requests[i]);
            }

            await file.AppendAsync(records);
        }

        return new EventsAcceptedResult(requests.Count);
    }
}
