using AdOrleans.Gateway.Ads.Billing;
using AdOrleans.Persistence.Postgres.Ads;
using AdOrleans.Persistence.Postgres;
using AdOrleans.Persistence.Postgres.DayPartitions;

namespace Microsoft.Extensions.Hosting;

public static class PostgresAdServingHostingExtensions
{
    /// <summary>Billing rows in the PostgreSQL store: the row writer (and its migration), the day-partition upkeep, and on gateways the report query.</summary>
    public static IHostApplicationBuilder AddPostgresBillingStore(this IHostApplicationBuilder builder, bool isGateway)
    {
        builder.Services.AddSingleton<IPostgresRowWriter, PostgresBillingRowWriter>();
        builder.Services.AddSingleton(PostgresBillingRowWriter.Partitioning);
        builder.Services.AddHostedService<DayPartitionMaintenance>();
        if (isGateway)
        {
            builder.Services.AddSingleton<IBillingSource, PostgresBillingSource>();
        }

        return builder;
    }
}
