using System.Diagnostics;
using System.Text.Json.Nodes;
using AdOrleans.Grains.Lake;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Lake;

/// <summary>What became of a query: a result, a refusal (400), or the time limit (408).</summary>
public abstract record LakeQueryOutcome
{
    public sealed record Done(LakeQueryResult Result) : LakeQueryOutcome;

    public sealed record Refused(string Reason) : LakeQueryOutcome;

    public sealed record TimedOut(TimeSpan Limit) : LakeQueryOutcome;
}

/// <summary>
/// Runs analysts' SQL over the lake with DuckDB (<see cref="LakeSandbox"/>): one statement, read-only, at most
/// <see cref="LakeOptions.MaxConcurrentQueries"/> at once, interrupted when its time is up (waiting for a slot
/// counts), and at most maxRows rows returned.
/// </summary>
public sealed class LakeQueryEngine(LakeManifestReader manifest, IOptions<LakeOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentQueries);

    public async Task<LakeQueryOutcome> RunAsync(string sql, int maxRows, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _slots.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LakeQueryOutcome.TimedOut(timeout);
        }

        try
        {
            var files = await manifest.FilesAsync();
            return await Task.Run(() => Execute(files, sql, maxRows, started, limit.Token), CancellationToken.None);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LakeQueryOutcome.TimedOut(timeout);
        }
        finally
        {
            _slots.Release();
        }
    }

    private LakeQueryOutcome Execute(IReadOnlyList<LakeFile> files, string sql, int maxRows, long started, CancellationToken limit)
    {
        using var connection = LakeSandbox.Open(files, options.Value);
        if (LakeSqlGuard.Refusal(connection, sql) is { } reason)
        {
            return new LakeQueryOutcome.Refused(reason);
        }

        using var command = connection.CreateCommand();
        command.CommandText = sql;
        // DuckDB checks for an interrupt between vectors, so a long scan stops soon after the limit.
        using var interrupt = limit.Register(command.Cancel);
        try
        {
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(i => new LakeColumn(reader.GetName(i), reader.GetDataTypeName(i).ToUpperInvariant())).ToList();
            var rows = new JsonArray();
            var truncated = false;
            while (reader.Read())
            {
                limit.ThrowIfCancellationRequested();
                if (rows.Count == maxRows)
                {
                    truncated = true;
                    break;
                }

                var row = new JsonArray();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Add(LakeValues.ToJson(reader.IsDBNull(i) ? null : reader.GetValue(i)));
                }

                rows.Add(row);
            }

            return new LakeQueryOutcome.Done(new LakeQueryResult(columns, rows, truncated, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
        catch (DuckDBException) when (limit.IsCancellationRequested)
        {
            throw new OperationCanceledException(limit);
        }
        catch (DuckDBException e)
        {
            return new LakeQueryOutcome.Refused(e.Message);
        }
    }
}
