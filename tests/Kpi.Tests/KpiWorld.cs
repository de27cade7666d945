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

    private readonly TestDatabase? _database;

    private KpiWorld(EmbeddedServiceFactory service, TestDatabase? database)
    {
        Service = service;
        _database = database;
    }

    public static TheoryData<string> Stores => PostgresServer.SkipReason is null ? new(Sqlite, Postgres) : new(Sqlite);

    public EmbeddedServiceFactory Service { get; }

    public static async Task<KpiWorld> StartAsync(string store)
    {
        var database = store == Postgres ? await TestDatabase.CreateAsync(KpiService.DatabasePrefix) : null;
        return new KpiWorld(KpiService.Create(postgresConnectionString: database?.ConnectionString), database);
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
