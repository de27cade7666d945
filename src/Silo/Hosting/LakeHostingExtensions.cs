using AdOrleans.Gateway.Lake;
using AdOrleans.Grains.Lake;
using AdOrleans.Persistence.Postgres.Ads;
using AdOrleans.Persistence.Sqlite.Ads;
using AdOrleans.Silo.Hosting;
using AdOrleans.Silo.Lake;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class LakeHostingExtensions
{
    /// <summary>
    /// The Parquet lake (docs/lake.md): its options, with the root defaulting to <c>&lt;DataDirectory&gt;/lake</c>; the
    /// billing archiver's ticker (silo); the DuckDB query engine (gateway). The archiver grains are
    /// registered with the others.
    /// </summary>
    public static IHostApplicationBuilder AddLake(this IHostApplicationBuilder builder, ServiceOptions service)
    {
        var services = builder.Services;
        services.AddOptions<LakeOptions>().BindConfiguration(LakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.Root = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Root) ? Path.Combine(service.DataDirectory, "lake") : o.Root));
        services.TryAddSingleton<LakeMergeGate>();
        if (service.IsSilo)
        {
            // The billing archiver reads the billing rows as the report does; gateways register the source already.
            if (builder.UsesPostgresStore())
            {
                services.TryAddSingleton<IBillingSource, PostgresBillingSource>();
            }
            else
            {
                services.TryAddSingleton<IBillingSource, SqliteBillingSource>();
            }

            services.AddHostedService<LakeBillingTicker>();
        }

        if (service.IsGateway)
        {
            services.AddLakeQueries();
        }

        return builder;
    }
}
