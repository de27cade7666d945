using System.Threading.Channels;
using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Events;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Gateway.Integrations.Imports;

/// <summary>A parsed file waiting for the runner.</summary>
public sealed record ImportRequest(string JobId, string Kind, CsvTable Table);

/// <summary>
/// Runs imports one at a time in the background, in chunks of <see cref="ChunkRows"/> rows: each chunk's valid rows are
/// appended to the log (or written to the contacts) before its progress, with the rows it rejected and why, is
/// reported to the job grain. A bad row never stops the import; a log outage fails the job (re-upload: rows count once).
/// </summary>
public sealed partial class ImportRunner(IPartitionedLog log, IGrainFactory grains, ITrackingTokenVerifier verifier, TimeProvider clock, ILogger<ImportRunner> logger)
    : BackgroundService
{
    public const int ChunkRows = 500;

    private readonly Channel<ImportRequest> _queue = Channel.CreateUnbounded<ImportRequest>(new UnboundedChannelOptions { SingleReader = true });

    public async Task EnqueueAsync(ImportRequest request)
    {
        await grains.GetGrain<IImportJobGrain>(request.JobId).StartAsync(request.Kind, request.Table.Rows.Count);
        await _queue.Writer.WriteAsync(request);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(request, stoppingToken);
        }
    }

    private async Task RunAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var job = grains.GetGrain<IImportJobGrain>(request.JobId);
        var (done, accepted, rejected) = (0, 0, 0);
        Log.Started(logger, request.JobId, request.Kind, request.Table.Rows.Count);
        try
        {
            foreach (var chunk in request.Table.Rows.Chunk(ChunkRows))
            {
                var errors = new List<ImportRowError>();
                var ok = request.Kind == ImportKinds.Contacts
                    ? await ImportContactsAsync(request, chunk, errors)
                    : await ImportConversionsAsync(request, chunk, errors, cancellationToken);
                (done, accepted, rejected) = (done + chunk.Length, accepted + ok, rejected + chunk.Length - ok);
                await job.ReportAsync(new ImportProgress(done, accepted, rejected, errors, Finished: false, Failure: null));
            }

            await job.ReportAsync(new ImportProgress(done, accepted, rejected, [], Finished: true, Failure: null));
            Log.Finished(logger, request.JobId, accepted, rejected);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, e, request.JobId, done);
            await job.ReportAsync(new ImportProgress(done, accepted, rejected, [], Finished: true, Failure: $"Stopped after {done} rows: {e.Message} Re-upload the file; rows already imported count once."));
        }
    }

    private async Task<int> ImportConversionsAsync(ImportRequest request, (int Line, List<string> Fields)[] chunk, List<ImportRowError> errors, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var events = new List<TrackedEvent>();
        foreach (var (line, fields) in chunk)
        {
            var problems = new Dictionary<string, string[]>();
            var row = ImportRows.Conversion(request.Table, fields, (field, message) => problems[field] = [message]);
            if (row is not null && problems.Count == 0 && EventValidator.Validate(row, "", now, problems, verifier, mayVouch: true) is { } tracked)
            {
                events.Add(tracked);
            }

            errors.AddRange(problems.Select(p => new ImportRowError(line, p.Key, string.Join(" ", p.Value))));
        }

        await EventLogWriter.AppendAsync(log, events, cancellationToken);
        return events.Count;
    }

    private async Task<int> ImportContactsAsync(ImportRequest request, (int Line, List<string> Fields)[] chunk, List<ImportRowError> errors)
    {
        var now = clock.GetUtcNow();
        var updates = new List<(string UserId, ContactUpdate Update)>();
        foreach (var (line, fields) in chunk)
        {
            var before = errors.Count;
            var update = ImportRows.Contact(request.Table, fields, $"import:{request.JobId}", now, (field, message) => errors.Add(new ImportRowError(line, field, message)));
            if (update is { } u && errors.Count == before)
            {
                updates.Add(u);
            }
        }

        await Parallel.ForEachAsync(updates, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (u, _) => await grains.GetGrain<IContactGrain>(u.UserId).UpsertAsync(u.Update));
        return updates.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Import {JobId} ({Kind}) started: {Rows} rows")]
        public static partial void Started(ILogger logger, string jobId, string kind, int rows);

        [LoggerMessage(LogLevel.Information, "Import {JobId} finished: {Accepted} rows imported, {Rejected} rejected")]
        public static partial void Finished(ILogger logger, string jobId, int accepted, int rejected);

        [LoggerMessage(LogLevel.Error, "Import {JobId} failed after {Rows} rows")]
        public static partial void Failed(ILogger logger, Exception e, string jobId, int rows);
    }
}

public static class ImportKinds
{
    public const string Conversions = "conversions";
    public const string Contacts = "contacts";
}
