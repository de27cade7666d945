namespace AdOrleans.Clustering.Tests;

/// <summary>
/// These tests need a PostgreSQL server whose role may create databases. Without one a developer's run skips
/// them with the reason; with CI=true nothing is skipped, so a broken CI machine fails loudly instead.
/// </summary>
internal static class Prerequisites
{
    /// <summary>Override with ADORLEANS_TEST_POSTGRES.</summary>
    public static string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable("ADORLEANS_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=adorleans;Password=adorleans;Database=postgres;Timeout=5";

    private static readonly Lazy<string?> Missing = new(Check);

    public static string? SkipReason =>
        Environment.GetEnvironmentVariable("CI") == "true" ? null : Missing.Value;

    private static string? Check()
    {
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return $"PostgreSQL is not reachable with {AdminConnectionString} ({e.Message})";
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when PostgreSQL is absent outside CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Prerequisites.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SiloCollection
{
    /// <summary>One at a time: silos of parallel tests would compete for CPU and stretch the membership timings.</summary>
    public const string Name = "silos";
}
