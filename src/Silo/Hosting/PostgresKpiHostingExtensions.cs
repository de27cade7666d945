using AdOrleans.Gateway.Kpi;
using AdOrleans.Persistence.Postgres.Kpi;
using AdOrleans.Persistence.Postgres;
using AdOrleans.Persistence.Postgres.DayPartitions;

namespace Microsoft.Extensions.Hosting;

public static class PostgresKpiHostingExtensions
{
    /// <summary>KPI rollups in the PostgreSQL store: the row writer (and its migration), the queries, and the day-partition upkeep.</summary>
    public static IHostApplicationBuilder AddPostgresKpiStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPostgresRowWriter, PostgresKpiRollupWriter>();
        builder.Services.AddSingleton<IKpiQueries, PostgresKpiQueries>();
        builder.Services.AddSingleton(PostgresKpiRollupSchema.Partitioning);
        builder.Services.AddHostedService<DayPartitionMaintenance>();
        return builder;
    }
}
