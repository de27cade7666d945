using Microsoft.Extensions.DependencyInjection.Extensions;
using AdOrleans.Gateway.Alerts;
using AdOrleans.Gateway.Kpi;
using AdOrleans.Silo.Alerts;
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
    /// change feed, the relay's receiver (gateway: the stream shows every silo's commits), and the commit observer
    /// that feeds the local feed, the relay and the alert rules (silo), and alerts' pushes to the stream. The aggregator and relay grains are registered with the others.
    /// </summary>
    public static IHostApplicationBuilder AddKpi(this IHostApplicationBuilder builder, ServiceOptions service)
    {
        var services = builder.Services;
        services.AddOptions<KpiOptions>().BindConfiguration(KpiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KpiStreamOptions>().BindConfiguration(KpiStreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KpiRelayState>();
        services.AddSingleton<AlertRuleWatch>();
        services.AddSingleton(sp =>
        {
            var feed = sp.GetRequiredService<KpiChangeFeed>();
            var relay = sp.GetRequiredService<KpiRelayState>();
            var alerts = sp.GetRequiredService<AlertRuleWatch>();
            return new KpiChangeTracker(() => feed.HasListeners || relay.HubWanted || alerts.Active, () =>
            {
                feed.MarkGap();
                relay.MarkGap();
            });
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

        builder.AddAttribution();
        services.AddSingleton<DimensionDirectory>();
        services.AddSingleton<KpiReports>();
        services.AddSingleton<KpiQueryContext>();
        services.AddSingleton<KpiChangeFeed>();
        services.AddSingleton<KpiFeedUpdater>();
        services.AddSingleton<AlertFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<KpiFeedUpdater>());
        if (service.IsGateway)
        {
            services.AddSingleton<KpiChangeReceiver>();
            services.AddHostedService(sp => sp.GetRequiredService<KpiChangeReceiver>());
        }

        if (service.IsSilo)
        {
            services.AddSingleton<KpiCommitObserver>();
            services.AddSingleton<IStateCommitObserver>(sp => sp.GetRequiredService<KpiCommitObserver>());
            services.AddHostedService<KpiChangePublisher>();
            services.AddSingleton<AlertTrigger>();
            services.AddHostedService(sp => sp.GetRequiredService<AlertTrigger>());
            services.AddHostedService<AlertHealthSampler>();
        }

        return builder;
    }
}
