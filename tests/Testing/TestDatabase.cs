using Npgsql;

namespace AdOrleans.Testing;

/// <summary>A fresh PostgreSQL database for one test, dropped afterwards, so that no test sees another's data or schema.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name)
    {
        Name = name;
        ConnectionString = PostgresServer.ConnectionString(name);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <param name="prefix">Names the suite, so a leftover database is attributable.</param>
    public static async Task<TestDatabase> CreateAsync(string prefix)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new TestDatabase(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // FORCE: pooled connections of the service and of Npgsql's pool may still be open.
            await ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // A leftover test database is harmless; never hide the test's own result behind clean-up.
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
