using System.Diagnostics;
using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Runtime;
using AdOrleans.Silo.EmbeddedLog;
using AdOrleans.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Pipeline.Bench;

internal static class PipelineRun
{
    private const int Partitions = 16;

    public static async Task<(double AppendRate, double PipelineRate)> RunAsync(string dir, int events, int keys)
    {
        var log = new FileLog(new FileLogOptions
        {
            Directory = Path.Combine(dir, "log"),
            Topics = Topics.All.ToDictionary(t => t, _ => Partitions),
        }, Microsoft.Extensions.Logging.Abstractions.NullLogger<FileLog>.Instance);

        var appendRate = await AppendAsync(log, events, keys);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IPartitionedLog>(log);
        builder.Services.AddSingleton<IGrainStateStore>(new SqliteGrainStateStore(Path.Combine(dir, "state.db")));
        builder.Services.AddGrainRuntime();
        builder.Services.AddAdOrleansGrains();
        builder.Services.AddPartitionHost();
        using var host = builder.Build();

        var stopwatch = Stopwatch.StartNew();
        await host.StartAsync();
        var partitions = host.Services.GetRequiredService<PartitionHost>();
        while ((await partitions.StatusAsync(CancellationToken.None)).Where(s => s.Topic == Topics.Events).Sum(s => s.CommittedOffset) < events)
        {
            await Task.Delay(5);
        }

        stopwatch.Stop();
        await host.StopAsync();
        await Verify(Path.Combine(dir, "state.db"), events);
        return (appendRate, events / stopwatch.Elapsed.TotalSeconds);
    }

    private static async Task<double> AppendAsync(IPartitionedLog log, int events, int keys)
    {
        const int batch = 1000;
        var now = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var appenders = Enumerable.Range(0, 8).Select(async a =>
        {
            for (var start = a * batch; start < events; start += 8 * batch)
            {
                var messages = new List<LogMessage>(batch);
                for (var i = start; i < Math.Min(start + batch, events); i++)
                {
                    var tracked = new TrackedEvent
                    {
                        EventId = $"e-{i}", Type = "pageview", CampaignId = $"c-{i % keys}", Channel = "web",
                        UserId = $"u-{i % 50_000}", OccurredAt = now, ReceivedAt = now,
                    };
                    messages.Add(new LogMessage(tracked.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(tracked, GrainJsonContext.Default.TrackedEvent)));
                }

                await log.AppendAsync(Topics.Events, messages, CancellationToken.None);
            }
        });
        await Task.WhenAll(appenders);
        return events / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Fails the benchmark loudly unless the committed totals add up to exactly the events appended.</summary>
    private static async Task Verify(string path, int events)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM grain_state WHERE grain_type = 'event-totals'";
        await using var reader = await command.ExecuteReaderAsync();
        long total = 0;
        while (await reader.ReadAsync())
        {
            total += JsonSerializer.Deserialize((byte[])reader.GetValue(0), GrainJsonContext.Default.EventTotals)!.Events;
        }

        if (total != events)
        {
            throw new InvalidOperationException($"BENCHMARK FAILED: committed totals count {total} events, {events} were appended.");
        }
    }
}
