using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Log;
using AdOrleans.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Kpi.Tests;

/// <summary>The embedded service as the KPI tests run it: late events accepted for an hour, fast stream keep-alives.</summary>
internal static class KpiService
{
    public const string AdminKey = "kpi-admin-key";
    public const string ClientKey = "kpi-client-key";

    /// <summary>Names this suite's PostgreSQL databases.</summary>
    public const string DatabasePrefix = "adorleans_kpi_test_";

    /// <param name="dataDirectory">Set: reopen a previous life's files (restart tests).</param>
    /// <param name="postgresConnectionString">Set: the "postgres" store; else SQLite.</param>
    /// <param name="deleteOnDispose">False for the first life of a restart test: the next service needs the files.</param>
    /// <param name="settings">More configuration, e.g. a feature's knobs.</param>
    public static EmbeddedServiceFactory Create(
        string? dataDirectory = null, string? postgresConnectionString = null, bool deleteOnDispose = true, IReadOnlyDictionary<string, string>? settings = null) =>
        new(new EmbeddedServiceOptions
        {
            AdminKey = AdminKey,
            ClientKey = ClientKey,
            TempFolder = "adorleans-kpi-tests",
            DataDirectory = dataDirectory,
            DeleteOnDispose = deleteOnDispose,
            PostgresConnectionString = postgresConnectionString,
            Settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
            {
                ["Kpi:Lateness"] = "01:00:00",
                ["Kpi:Stream:KeepAliveInterval"] = "00:00:00.200",
            },
        });

    /// <summary>Appends events straight to the log, as the gateway does after verifying a tracking token (ChargeMicros set).</summary>
    public static async Task AppendAsync(this EmbeddedServiceFactory service, params TrackedEvent[] events)
    {
        var log = service.Services.GetRequiredService<IPartitionedLog>();
        await log.AppendAsync(Topics.Events, [.. events.Select(e => new LogMessage(e.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(e, GrainJsonContext.Default.TrackedEvent)))], CancellationToken.None);
    }
}
