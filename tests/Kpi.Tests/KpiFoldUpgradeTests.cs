using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence;
using AdOrleans.Persistence.Sqlite;
using AdOrleans.Persistence.Sqlite.Kpi;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace AdOrleans.Kpi.Tests;

/// <summary>A data directory written before the fold holds hour and day rows for every minute: the upgrade must not count them twice.</summary>
public sealed class KpiFoldUpgradeTests : IDisposable
{
    private static readonly DateTimeOffset Minute = new(2026, 3, 1, 10, 7, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("adorleans-fold-upgrade-");

    private string DatabasePath => Path.Combine(_directory.FullName, "state.db");

    [Fact]
    public async Task RowsWrittenBeforeTheFoldAreCountedOnceAfterTheUpgradeAndLateDeltasStillReachTheirHour()
    {
        using (var before = new SqliteGrainStateStore(DatabasePath, [new RollupSchemaBeforeTheFold()]))
        {
            await using var connection = new SqliteConnection(before.ConnectionString);
            await connection.OpenAsync();
            foreach (var granularity in KpiGranularities.All)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO kpi_rollups (granularity, dimension, dimension_id, bucket_start, source, pageviews) VALUES ({(long)granularity}, 'campaign', 'c-1', {granularity.BucketStart(Minute.ToUnixTimeSeconds())}, 'events/0', 5)";
                await insert.ExecuteNonQueryAsync();
            }

            SqliteConnection.ClearPool(connection);
        }

        var clock = new FakeTimeProvider(Minute.AddMinutes(1));
        using var after = new SqliteGrainStateStore(DatabasePath, [new SqliteKpiRollupWriter(new KpiChangeTracker(), clock)]);
        var queries = new SqliteKpiQueries(after);
        Assert.Equal(5, await HourPageviews(queries));

        await after.CommitAsync(new PartitionCommit("", [], []) { Rows = [Pageviews(Minute, 2), Pageviews(Minute.AddMinutes(1), 3)] }, CancellationToken.None);
        Assert.Equal(10, await HourPageviews(queries));

        clock.Advance(TimeSpan.FromHours(1));
        await after.CommitAsync(new PartitionCommit("", [], []) { Rows = [Pageviews(Minute.AddHours(2), 1)] }, CancellationToken.None);
        Assert.Equal(10, await HourPageviews(queries));
        Assert.Equal(10, await StoredHourPageviews(after));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private static KpiRollupDelta Pageviews(DateTimeOffset minute, long count)
    {
        var delta = KpiCounters.New();
        delta[(int)KpiCounter.Pageviews] = count;
        return new KpiRollupDelta(new KpiRollupKey("events/0", "campaign", "c-1", KpiGranularity.Minute, minute.ToUnixTimeSeconds()), delta);
    }

    private static async Task<long> HourPageviews(SqliteKpiQueries queries)
    {
        var hour = KpiGranularity.Hour.BucketStart(Minute.ToUnixTimeSeconds());
        var buckets = await queries.BucketsAsync([new KpiBucketKey("campaign", "c-1", KpiGranularity.Hour, hour)], CancellationToken.None);
        return buckets.Single().Counters[(int)KpiCounter.Pageviews];
    }

    /// <summary>The hour row itself, once the fold has passed every minute of the hour.</summary>
    private static async Task<long> StoredHourPageviews(SqliteGrainStateStore store)
    {
        await using var connection = new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pageviews FROM kpi_rollups WHERE granularity = {(long)KpiGranularity.Hour} AND dimension_id = 'c-1'";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The rollup table's migrations as they were before <c>kpi-0003-fold</c>.</summary>
    private sealed class RollupSchemaBeforeTheFold : ISqliteRowWriter
    {
        public Type RowType => typeof(KpiRollupDelta);

        public IReadOnlyList<(string Name, string Sql)> Migrations =>
            [.. new SqliteKpiRollupWriter(new KpiChangeTracker()).Migrations.TakeWhile(m => m.Name != "kpi-0003-fold")];

        public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows) =>
            throw new NotSupportedException("Only the schema is used.");
    }
}
