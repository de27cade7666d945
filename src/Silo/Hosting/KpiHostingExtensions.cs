using Microsoft.Extensions.DependencyInjection.Extensions;
using AdOrleans.Gateway.Kpi;
using AdOrleans.Grains.Kpi;
using AdOrleans.Persistence;
using AdOrleans.Silo.Hosting;
using AdOrleans.Persistence.Sqlite.Kpi;
using AdOrleans.Silo.Kpi;
using AdOrleans.Persistence.Sqlite;

namespace Microsoft.Extensions.Hosting;

public static class KpiHostingExtensions
{
    /// <summary>
    /// KPI analytics: the rollup table and its writer (every role: the store migrates it), the queries and
    /// change feed (gateway), and the commit observer that feeds the stream (silo). The aggregator grain
    /// itself is registered with the other grains.
    /// </summary>
    public static IHostApplicationBuilder AddKpi(this IHostApplicationBuilder builder, ServiceOptions service)
    {
        var services = builder.Services;
        services.AddOptions<KpiOptions>().BindConfiguration(KpiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KpiStreamOptions>().BindConfiguration(KpiStreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var feed = sp.GetRequiredService<KpiChangeFeed>();
            return new KpiChangeTracker(() => feed.HasListeners, feed.MarkGap);
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, KpiJsonContext.Default));
        if (builder.UsesPostgresStore())
        {
            builder.AddPostgresKpiStore();
        }
        else
        {
            services.AddSingleton<ISqliteRowWriter, SqliteKpiRollupWriter>();
            services.AddSingleton<IKpiQueries, SqliteKpiQueries>();
        }

        services.AddSingleton<DimensionDirectory>();
        services.AddSingleton<KpiReports>();
        services.AddSingleton<KpiQueryContext>();
        services.AddSingleton<KpiChangeFeed>();
        if (service.IsSilo)
        {
            services.AddSingleton<KpiCommitObserver>();
            services.AddSingleton<IStateCommitObserver>(sp => sp.GetRequiredService<KpiCommitObserver>());
            services.AddHostedService<KpiChangePublisher>();
        }

        return builder;
    }
}
