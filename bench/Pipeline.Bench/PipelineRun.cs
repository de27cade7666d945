using System.Diagnostics;
using System.Text.Json;
using AdOrleans.Bench;
using AdOrleans.Grains;
using AdOrleans.Log;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Pipeline.Bench;

internal sealed record RunResult(
    double AppendRate, double PipelineSeconds, double CheckpointSeconds, TimeSpan CpuUser, TimeSpan CpuSystem, int Gen0, int Gen1, int Gen2,
    long AllocatedBytes, string LoadStart, string LoadEnd)
{
    public TimeSpan Cpu => CpuUser + CpuSystem;
}

internal static class PipelineRun
{
    /// <summary>Fail when the stored checkpoints do not advance for this long (default 120 s, env PIPELINE_BENCH_STALL_SECONDS).</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("PIPELINE_BENCH_STALL_SECONDS"), out var s) && s > 0 ? s : 120);

    /// <summary>
    /// Appends the events (durable), then starts a silo and times start → every events queue's stored checkpoint
    /// sums to the events appended and the committed per-key event totals add up to them. Silo start-up is inside the time,
    /// as in the baseline (where the partition workers started with the host).
    /// </summary>
    public static async Task<RunResult> RunAsync(string dir, int[] keyIndexes, CancellationToken cancellationToken)
    {
        var events = keyIndexes.Length;
        await using var silo = new SiloHost(dir);
        var appendRate = await AppendAsync(silo.Log, keyIndexes, 0, cancellationToken);

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var (user0, sys0) = (process.UserProcessorTime, process.PrivilegedProcessorTime);
        var (gc0, gc1, gc2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes();
        var loadStart = Machine.LoadAverage();
        var stopwatch = Stopwatch.StartNew();
        await silo.StartAsync(cancellationToken);
        var checkpointSeconds = await WaitForAsync(silo, events, cancellationToken);
        stopwatch.Stop();
        process.Refresh();
        var result = new RunResult(appendRate, stopwatch.Elapsed.TotalSeconds, checkpointSeconds,
            process.UserProcessorTime - user0, process.PrivilegedProcessorTime - sys0,
            GC.CollectionCount(0) - gc0, GC.CollectionCount(1) - gc1, GC.CollectionCount(2) - gc2, GC.GetTotalAllocatedBytes() - allocated, loadStart, Machine.LoadAverage());
        await silo.StopAsync(TimeSpan.FromSeconds(60));
        await Verify(silo.StatePath, events);
        return result;
    }

    /// <summary>
    /// Waits until the events queues' checkpoints sum to <paramref name="expected"/> and the committed per-key event totals add
    /// up to it; returns the seconds from the call to the checkpoint part. Fails loudly when the checkpoints stop moving.
    /// </summary>
    public static async Task<double> WaitForAsync(SiloHost silo, long expected, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        long checkpointed = -1;
        double checkpointSeconds = 0;
        var lastProgress = Stopwatch.StartNew();
        while (true)
        {
            var now = await silo.CheckpointedAsync(cancellationToken);
            if (now != checkpointed)
            {
                checkpointed = now;
                lastProgress.Restart();
            }

            if (checkpointed >= expected)
            {
                checkpointSeconds = checkpointSeconds == 0 ? stopwatch.Elapsed.TotalSeconds : checkpointSeconds;
                var totals = await silo.CommittedTotalsAsync(cancellationToken);
                if (totals == expected)
                {
                    return checkpointSeconds;
                }

                if (totals > expected || lastProgress.Elapsed > StallTimeout)
                {
                    throw new BenchmarkFailedException(
                        $"checkpoints reached {checkpointed:N0} but committed per-key event totals count {totals:N0} of {expected:N0} events.");
                }
            }
            else if (lastProgress.Elapsed > StallTimeout)
            {
                throw new BenchmarkFailedException(checkpointed == 0
                    ? $"no events checkpoint stored within {StallTimeout.TotalSeconds:0} s ({expected:N0} events expected); see the warnings above."
                    : $"checkpoints stalled at {checkpointed:N0} of {expected:N0} events for {StallTimeout.TotalSeconds:0} s; see the warnings above.");
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    /// <summary>Appends one pageview per key index (campaign "c-{index}") in batches of 1,000 from 8 appenders; returns events/s.</summary>
    public static async Task<double> AppendAsync(IPartitionedLog log, int[] keyIndexes, int firstEventId, CancellationToken cancellationToken)
    {
        const int batch = 1000;
        var events = keyIndexes.Length;
        var now = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var appenders = Enumerable.Range(0, 8).Select(async a =>
        {
            for (var start = a * batch; start < events; start += 8 * batch)
            {
                var messages = new List<LogMessage>(batch);
                for (var i = start; i < Math.Min(start + batch, events); i++)
                {
                    messages.Add(Message(firstEventId + i, keyIndexes[i], now));
                }

                await log.AppendAsync(Topics.Events, messages, cancellationToken);
            }
        });
        await Task.WhenAll(appenders);
        return events / stopwatch.Elapsed.TotalSeconds;
    }

    public static LogMessage Message(int eventNumber, int keyIndex, DateTimeOffset at)
    {
        var tracked = new TrackedEvent
        {
            EventId = $"e-{eventNumber}", Type = "pageview", CampaignId = $"c-{keyIndex}", Channel = "web",
            UserId = $"u-{eventNumber % 50_000}", OccurredAt = at, ReceivedAt = at,
        };
        return new LogMessage(tracked.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(tracked, GrainJsonContext.Default.TrackedEvent));
    }

    /// <summary>
    /// Fails the benchmark loudly unless the committed per-key event totals add up to exactly the events appended, and the
    /// committed KPI rollups (daily, campaign dimension) count exactly that many pageviews (as the baseline's check).
    /// </summary>
    private static async Task Verify(string path, int events)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        long total = 0;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT data FROM grain_substate WHERE grain_type = 'event-aggregates'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                using var json = JsonDocument.Parse((byte[])reader.GetValue(0));
                total += json.RootElement.GetProperty("events").GetInt64();
            }
        }

        if (total != events)
        {
            throw new BenchmarkFailedException($"committed totals count {total} events, {events} were appended.");
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COALESCE(SUM(pageviews), 0) FROM kpi_rollups WHERE granularity = 60 AND dimension = 'campaign'";
            var pageviews = (long)(await command.ExecuteScalarAsync())!;
            if (pageviews != events)
            {
                throw new BenchmarkFailedException($"committed KPI rollups count {pageviews} pageviews, {events} were appended.");
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM stream_dead_letters";
            var dead = (long)(await command.ExecuteScalarAsync())!;
            if (dead != 0)
            {
                throw new BenchmarkFailedException($"{dead} dead letters.");
            }
        }
    }
}
