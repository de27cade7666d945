using System.Text.Json;
using AdOrleans.Grains;
using AdOrleans.Log;
using AdOrleans.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.Kpi.Tests;

/// <summary>The embedded service in-process on a data directory that a second factory may reopen (restart tests).</summary>
public sealed class KpiFactory(string? dataDirectory = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "kpi-admin-key";
    public const string ClientKey = "kpi-client-key";

    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "adorleans-kpi-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Set: grain state and rollups live in this PostgreSQL database instead of SQLite (the log stays embedded).</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>False for the first life of a restart test: the next factory needs the files.</summary>
    public bool DeleteOnDispose { get; init; } = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Auth:AdminKeys", AdminKey);
        builder.UseSetting("Auth:ClientKeys", ClientKey);
        builder.UseSetting("Log:Partitions", "4");
        builder.UseSetting("Kpi:Lateness", "01:00:00");
        builder.UseSetting("Kpi:Stream:KeepAliveInterval", "00:00:00.200");
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", PostgresConnectionString);
        }
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Appends events straight to the log, as the gateway does after verifying a tracking token (ChargeMicros set).</summary>
    public async Task AppendAsync(params TrackedEvent[] events)
    {
        var log = Services.GetRequiredService<IPartitionedLog>();
        await log.AppendAsync(Topics.Events, [.. events.Select(e => new LogMessage(e.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(e, GrainJsonContext.Default.TrackedEvent)))], CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!DeleteOnDispose)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
