using AdOrleans.Gateway.Attribution;
using AdOrleans.Grains.Attribution;
using AdOrleans.Persistence.Postgres;
using AdOrleans.Persistence.Postgres.Attribution;
using AdOrleans.Persistence.Sqlite;
using AdOrleans.Persistence.Sqlite.Attribution;
using AdOrleans.Silo.Hosting;

namespace Microsoft.Extensions.Hosting;

public static class AttributionHostingExtensions
{
    /// <summary>
    /// Journeys and attribution (docs/attribution.md): options, the row writer of the store in use (every role: the
    /// store migrates its tables) and the source the reports read. Called by <see cref="KpiHostingExtensions.AddKpi"/>,
    /// since the partition aggregators that feed journeys come with KPI analytics.
    /// </summary>
    public static IHostApplicationBuilder AddAttribution(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AttributionOptions>().BindConfiguration(AttributionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AttributionJsonContext.Default));
        if (builder.UsesPostgresStore())
        {
            services.AddSingleton<IPostgresRowWriter, PostgresAttributionWriter>();
            services.AddSingleton<IAttributionSource, PostgresAttributionSource>();
        }
        else
        {
            services.AddSingleton<ISqliteRowWriter, SqliteAttributionWriter>();
            services.AddSingleton<IAttributionSource, SqliteAttributionSource>();
        }

        return builder;
    }
}
