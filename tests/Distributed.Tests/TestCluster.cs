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
    public const int Partitions = 4;
    public const string AdminKey = "admin-distributed-tests";
    public const string ClientKey = "client-distributed-tests";

    private readonly List<ServiceProcess> _processes = [];
    private readonly TestDatabase _database;

    private TestCluster(MockCluster kafka, TestDatabase database)
    {
        Kafka = kafka;
        _database = database;
    }

    public MockCluster Kafka { get; }

    public string ConnectionString => _database.ConnectionString;

    public static async Task<TestCluster> StartAsync()
    {
        var database = await TestDatabase.CreateAsync("adorleans_test_");
        var kafka = MockCluster.Start(3, new[] { "commands", "events", "auctions", "state" }.ToDictionary(t => t, _ => Partitions));
        return new TestCluster(kafka, database);
    }

    public async Task<ServiceProcess> StartAsync(string name, string roles)
    {
        var process = await ServiceProcess.StartAsync(new ServiceProcessOptions
        {
            Name = name,
            DataDirectory = Path.Combine(Path.GetTempPath(), "adorleans-dist", Guid.NewGuid().ToString("N")),
            AdminKey = AdminKey,
            ClientKey = ClientKey,
            // Each test runs three service processes on a small machine: more patient timeouts than one process needs.
            ReadyTimeout = TimeSpan.FromSeconds(90),
            RequestTimeout = TimeSpan.FromSeconds(20),
            ProbeTimeout = TimeSpan.FromSeconds(5),
            Environment = new Dictionary<string, string>
            {
                // Workstation GC for the same reason: three server-GC heaps would compete for the same few cores.
                ["DOTNET_gcServer"] = "0",
                ["Roles"] = roles,
                ["Kafka__BootstrapServers"] = Kafka.BootstrapServers,
                ["ConnectionStrings__Postgres"] = ConnectionString,
                ["Log__Partitions"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Kafka__DeliveryTimeout"] = "00:00:03",
            },
        });
        _processes.Add(process);
        return process;
    }

    /// <summary>Committed offsets and end offsets of the events topic, read from the store and from Kafka (through a silo).</summary>
    public async Task<long> CommittedEventsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(next_offset), 0)::bigint FROM partition_offsets WHERE topic = 'events'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until the live silos together committed everything on the events topic; returns the topic's total end offset.</summary>
    public async Task<long> WaitForCatchUpAsync(IReadOnlyList<ServiceProcess> silos, TimeSpan timeout)
    {
        var live = silos.Where(s => !s.HasExited).ToList();
        var admins = live.Select(s => s.CreateClient(AdminKey)).ToList();
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    var events = new List<PartitionRow>();
                    foreach (var admin in admins)
                    {
                        var view = await admin.GetFromJsonAsync<ClusterView>("/v1/cluster");
                        events.AddRange(view!.Partitions.Where(p => p.Topic == "events"));
                    }

                    last = string.Join(", ", events.OrderBy(p => p.Partition).Select(p => $"{p.Partition}:{p.CommittedOffset}/{p.EndOffset}"));
                    if (events.Select(p => p.Partition).Distinct().Count() == Partitions && events.All(p => p.Lag == 0))
                    {
                        var end = events.Sum(p => p.EndOffset);
                        if (await CommittedEventsAsync() == end)
                        {
                            return end;
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or NpgsqlException or TaskCanceledException)
                {
                    last = e.Message;
                }

                await Task.Delay(200);
            }
        }
        finally
        {
            admins.ForEach(a => a.Dispose());
        }

        Assert.Fail($"the silos did not catch up with the events topic: {last}\n{string.Join("\n", live.Select(s => s.Output))}");
        return 0;
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

    private sealed record ClusterView(List<PartitionRow> Partitions);

    private sealed record PartitionRow(string Topic, int Partition, long CommittedOffset, long EndOffset, long Lag);
}
