namespace AdOrleans.Kpi.Tests;

/// <summary>
/// The service on one of the two stores: "sqlite" (embedded) or "postgres" (a fresh database). Store-dependent
/// tests take the store as a theory argument; without PostgreSQL (outside CI) only SQLite runs, and
/// <see cref="PostgresFactAttribute"/> tests report the skip.
/// </summary>
public sealed class KpiWorld : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly PostgresDatabase? _database;

    private KpiWorld(KpiFactory service, PostgresDatabase? database)
    {
        Service = service;
        _database = database;
    }

    public static TheoryData<string> Stores => PostgresDatabase.SkipReason is null ? new(Sqlite, Postgres) : new(Sqlite);

    public KpiFactory Service { get; }

    public static async Task<KpiWorld> StartAsync(string store)
    {
        var database = store == Postgres ? await PostgresDatabase.CreateAsync() : null;
        return new KpiWorld(new KpiFactory { PostgresConnectionString = database?.ConnectionString }, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
