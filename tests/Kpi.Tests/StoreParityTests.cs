using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Kpi;
using Microsoft.Extensions.DependencyInjection;
using static AdOrleans.Kpi.Tests.Events;
using static AdOrleans.Kpi.Tests.KpiDataSet;
using static AdOrleans.Kpi.Tests.KpiJson;

namespace AdOrleans.Kpi.Tests;

/// <summary>The same data set on both stores: every KPI answer must be byte-for-byte the same.</summary>
public sealed class StoreParityTests
{
    private static readonly string[] Paths =
    [
        $"/v1/kpi/campaigns/c-a?{Range(T, T.AddHours(2))}&granularity=hour",
        $"/v1/kpi/campaigns/c-a?{Range(T, T.AddHours(2))}&granularity=minute",
        $"/v1/kpi/campaigns/c-a?{Range(T.AddHours(1), T.AddHours(2))}&granularity=day&compare=previous",
        $"/v1/kpi/slots/s-1?{Range(T, T.AddHours(2))}",
        $"/v1/kpi/creatives/cr-1?{Range(T, T.AddHours(2))}",
        $"/v1/kpi/segments/sports?{Range(T, T.AddHours(2))}",
        $"/v1/kpi/channels?{Range(T, T.AddHours(2))}&granularity=minute&compare=previous",
        $"/v1/kpi/summary?{Range(T, T.AddHours(2))}&compare=previous",
        $"/v1/kpi/summary?{Range(T.AddMinutes(-5), T.AddMinutes(65))}",
        $"/v1/kpi/summary?{Range(T.AddHours(1).AddSeconds(-17), T.AddHours(2).AddSeconds(-13))}",
        $"/v1/kpi/top?by=spend&n=5&{Range(T, T.AddHours(2))}",
        $"/v1/kpi/top?by=ctr&order=asc&{Range(T, T.AddHours(2))}",
        $"/v1/kpi/top?by=pageviews&dimension=channel&{Range(T, T.AddHours(2))}",
    ];

    [PostgresFact]
    public async Task PostgresAnswersEveryKpiQueryExactlyLikeSqlite()
    {
        await using var sqlite = await KpiWorld.StartAsync(KpiWorld.Sqlite);
        await using var postgres = await KpiWorld.StartAsync(KpiWorld.Postgres);
        var sqliteAdmin = await LoadAsync(sqlite.Service);
        var postgresAdmin = await LoadAsync(postgres.Service);

        foreach (var path in Paths)
        {
            var expected = (await GetAsync(sqliteAdmin, path)).ToJsonString();
            Assert.Equal((path, expected), (path, (await GetAsync(postgresAdmin, path)).ToJsonString()));
        }

        var start = T.ToUnixTimeSeconds();
        KpiBucketKey[] buckets =
        [
            new("channel", "web", KpiGranularity.Minute, start + 360), new("campaign", "c-a", KpiGranularity.Hour, start),
            new("campaign", "c-a", KpiGranularity.Day, KpiGranularity.Day.BucketStart(start)), new("campaign", "c-nobody", KpiGranularity.Hour, start),
        ];
        Assert.Equal(await BucketsAsync(sqlite, buckets), await BucketsAsync(postgres, buckets));
    }

    [PostgresFact]
    public async Task RollupRowsLandInTheDayPartitionOfTheirBucketNotTheDefaultPartition()
    {
        await using var database = await TestDatabase.CreateAsync(KpiService.DatabasePrefix);
        await using var service = KpiService.Create(postgresConnectionString: database.ConnectionString);
        var admin = service.CreateClient(KpiService.AdminKey);
        var yesterday = T.AddDays(-1);
        await service.AppendAsync(Plain("d1", "conversion", yesterday, "c-d", value: 1), Plain("d2", "conversion", T, "c-d", value: 2));
        await EventuallyAsync(admin, $"/v1/kpi/campaigns/c-d?{Range(yesterday, T.AddHours(1))}", s => s["totals"]!.L("revenueMicros") == 3);

        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT tableoid::regclass::text, min(bucket_start), max(bucket_start) FROM kpi_rollups WHERE dimension = 'campaign' AND dimension_id = 'c-d' GROUP BY 1 ORDER BY 1", connection);
        var partitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var day = DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1));
            Assert.Equal(day.UtcDateTime.Date, DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(2)).UtcDateTime.Date);
            Assert.Equal($"kpi_rollups_{day:yyyyMMdd}", reader.GetString(0));
            partitions.Add(reader.GetString(0));
        }

        Assert.Equal([$"kpi_rollups_{yesterday:yyyyMMdd}", $"kpi_rollups_{T:yyyyMMdd}"], partitions);
    }

    private static async Task<string> BucketsAsync(KpiWorld world, KpiBucketKey[] keys)
    {
        var rows = await world.Service.Services.GetRequiredService<IKpiQueries>().BucketsAsync(keys, CancellationToken.None);
        return string.Join("\n", rows.Select(r => $"{r.Key}: {string.Join(",", r.Counters)}"));
    }
}
