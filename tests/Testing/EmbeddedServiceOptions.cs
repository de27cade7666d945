namespace AdOrleans.Testing;

/// <summary>What one suite's embedded service differs in; the defaults are what most suites use.</summary>
public sealed record EmbeddedServiceOptions
{
    public string AdminKey { get; init; } = EmbeddedServiceFactory.DefaultAdminKey;

    public string ClientKey { get; init; } = EmbeddedServiceFactory.DefaultClientKey;

    /// <summary>The folder under the temp directory that holds a fresh data directory, one per suite so leftovers are attributable.</summary>
    public string TempFolder { get; init; } = "adorleans-tests";

    /// <summary>Set: reopen this data directory (restart tests) instead of a fresh one.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>False for the first life of a restart test: the next factory needs the files.</summary>
    public bool DeleteOnDispose { get; init; } = true;

    /// <summary>Log:Partitions; null leaves it unset, so the service picks the count itself (the data directory's, or its default).</summary>
    public int? Partitions { get; init; } = 4;

    /// <summary>Set: grain state and rollups live in this PostgreSQL database instead of SQLite (the log stays embedded).</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Further configuration keys (colon-separated, as in appsettings) a suite needs.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
