using Npgsql;

namespace AdOrleans.Kpi.Tests;

/// <summary>
/// A fresh PostgreSQL database for one test, dropped afterwards. Needs the role of .ci/run (override with
/// ADORLEANS_TEST_POSTGRES). Without a server, PostgreSQL tests are skipped with the reason, except under CI=true,
/// where they run and fail loudly.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private static readonly string AdminConnectionString =
        Environment.GetEnvironmentVariable("ADORLEANS_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=adorleans;Password=adorleans;Database=postgres;Timeout=5";

    private static readonly Lazy<string?> Missing = new(Check);

    private readonly string _name;

    private PostgresDatabase(string name)
    {
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    public static string? SkipReason => Environment.GetEnvironmentVariable("CI") == "true" ? null : Missing.Value;

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var name = "adorleans_kpi_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new PostgresDatabase(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // A leftover test database is harmless; never hide the test's own result behind clean-up.
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

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

/// <summary>A fact that needs PostgreSQL: skipped with the reason when it is absent outside CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresDatabase.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
