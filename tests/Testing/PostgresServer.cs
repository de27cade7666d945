using Npgsql;

namespace AdOrleans.Testing;

/// <summary>
/// The PostgreSQL server of .ci/run, whose role may create databases. Without it a developer's run skips the
/// tests that need it, with the reason; with CI=true nothing is skipped, so a broken CI machine fails loudly.
/// </summary>
public static class PostgresServer
{
    /// <summary>Override with ADORLEANS_TEST_POSTGRES.</summary>
    public static string AdminConnectionString { get; } =
        Environment.GetEnvironmentVariable("ADORLEANS_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=adorleans;Password=adorleans;Database=postgres;Timeout=5";

    private static readonly Lazy<string?> Missing = new(Check);

    public static bool IsCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (always under CI).</summary>
    public static string? SkipReason => IsCi ? null : Unreachable;

    /// <summary>Why the server cannot be used, or null when it can; checked once per test run.</summary>
    public static string? Unreachable => Missing.Value;

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ToString();

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
            return $"PostgreSQL is not reachable with {AdminConnectionString} ({e.Message}); see .ci/run for the setup";
        }
    }
}
