using System.Net.Http.Json;
using AdOrleans.MockKafka;
using Npgsql;

namespace AdOrleans.Distributed.Tests;

/// <summary>
/// One test's world: an in-process mock Kafka cluster (3 brokers, the four topics), a fresh PostgreSQL database,
/// and the service processes started on them. Disposing kills the processes and drops the database.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public const string AdminKey = "admin-distributed-tests";
    public const string ClientKey = "client-distributed-tests";

    private readonly List<ServiceProcess> _processes = [];
    private readonly TestDatabase _database;

    private TestCluster(MockCluster kafka, TestDatabase database, int partitions)
    {
        Kafka = kafka;
        _database = database;
        Partitions = partitions;
    }

    public MockCluster Kafka { get; }

    /// <summary>Partitions of each topic.</summary>
    public int Partitions { get; }

    public string ConnectionString => _database.ConnectionString;

    /// <summary>Every process's last lines (newest last), for failure messages.</summary>
    public string Outputs => string.Join("\n", _processes.Select(p => $"----- {p.Name}{(p.HasExited ? " (exited)" : "")}\n{p.Output}"));

    /// <param name="partitions">Of each topic.</param>
    public static async Task<TestCluster> StartAsync(int partitions = 4)
    {
        var database = await TestDatabase.CreateAsync("adorleans_test_");
        var kafka = MockCluster.Start(3, new[] { "commands", "events", "auctions", "state" }.ToDictionary(t => t, _ => partitions));
        return new TestCluster(kafka, database, partitions);
    }

    /// <param name="environment">Settings on top of the cluster's (double-underscore keys).</param>
    /// <param name="waitUntilReady">False: return once the process runs.</param>
    public async Task<ServiceProcess> StartAsync(string name, string roles, IReadOnlyDictionary<string, string>? environment = null, bool waitUntilReady = true)
    {
        var settings = new Dictionary<string, string>
        {
            // Workstation GC for the same reason: several server-GC heaps would compete for the same few cores.
            ["DOTNET_gcServer"] = "0",
            ["Roles"] = roles,
            ["Kafka__BootstrapServers"] = Kafka.BootstrapServers,
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["Log__Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kafka__DeliveryTimeout"] = "00:00:03",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var process = await ServiceProcess.StartAsync(new ServiceProcessOptions
        {
            Name = name,
            DataDirectory = Path.Combine(Path.GetTempPath(), "adorleans-dist", Guid.NewGuid().ToString("N")),
            AdminKey = AdminKey,
            ClientKey = ClientKey,
            // Each test runs several service processes on a small machine: more patient timeouts than one process needs.
            ReadyTimeout = TimeSpan.FromSeconds(90),
            RequestTimeout = TimeSpan.FromSeconds(20),
            ProbeTimeout = TimeSpan.FromSeconds(5),
            WaitUntilReady = waitUntilReady,
            Environment = settings,
        });
        _processes.Add(process);
        return process;
    }

    /// <summary>Committed offsets of the events topic, summed, as the store has them.</summary>
    public async Task<long> CommittedEventsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(next_offset), 0)::bigint FROM partition_offsets WHERE topic = 'events'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The events partitions one silo reads now, with its checkpoint and the log's end of each.</summary>
    public static async Task<List<PartitionRow>> EventsPartitionsOfAsync(ServiceProcess silo)
    {
        using var admin = silo.CreateClient(AdminKey);
        var view = await admin.GetFromJsonAsync<ClusterView>("/v1/cluster");
        return [.. view!.Partitions.Where(p => p.Topic == "events")];
    }

    /// <summary>Waits until the running silos among <paramref name="silos"/> together read every events partition (after a silo left, once its queues moved).</summary>
    public Task WaitUntilEveryEventsPartitionIsReadAsync(IReadOnlyList<ServiceProcess> silos, TimeSpan timeout) =>
        WaitAsync(silos, timeout, "the running silos did not take over every events partition",
            events => Task.FromResult(events.Select(p => p.Partition).Distinct().Count() == Partitions));

    /// <summary>Waits until the running silos together committed everything on the events topic; returns the topic's total end offset.</summary>
    public async Task<long> WaitForCatchUpAsync(IReadOnlyList<ServiceProcess> silos, TimeSpan timeout)
    {
        long end = 0;
        await WaitAsync(silos, timeout, "the silos did not catch up with the events topic", async events =>
        {
            // A queue that just moved may briefly be listed by two silos: every partition must be there, none behind.
            end = events.GroupBy(p => p.Partition).Sum(g => g.Max(p => p.EndOffset));
            return events.Select(p => p.Partition).Distinct().Count() == Partitions && events.All(p => p.Lag == 0)
                && await CommittedEventsAsync() == end;
        });
        return end;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        Kafka.Dispose();
        await _database.DisposeAsync();
    }

    /// <summary>Polls the running silos' events partitions until <paramref name="done"/>; fails with the last view and every process's output.</summary>
    private async Task WaitAsync(IReadOnlyList<ServiceProcess> silos, TimeSpan timeout, string failure, Func<List<PartitionRow>, Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var events = new List<PartitionRow>();
                foreach (var silo in silos.Where(s => !s.HasExited))
                {
                    events.AddRange(await EventsPartitionsOfAsync(silo));
                }

                last = string.Join(", ", events.OrderBy(p => p.Partition).Select(p => $"{p.Partition}:{p.CommittedOffset}/{p.EndOffset}"));
                if (await done(events))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or NpgsqlException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{failure} within {timeout} (partition:committed/end {last})\n{Outputs}");
    }

    private sealed record ClusterView(List<PartitionRow> Partitions);

    public sealed record PartitionRow(string Topic, int Partition, long CommittedOffset, long EndOffset, long Lag);
}
