using AdOrleans.Gateway.Ads.Billing;
using AdOrleans.Persistence.Sqlite.Ads;
using AdOrleans.Silo.Hosting;
using AdOrleans.Persistence.Sqlite;

namespace Microsoft.Extensions.Hosting;

public static class AdServingHostingExtensions
{
    /// <summary>Ad serving: billing rows in the store (every role, so the table exists), and on gateways the auction side.</summary>
    public static IHostApplicationBuilder AddAdServing(this IHostApplicationBuilder builder, ServiceOptions service)
    {
        var postgres = builder.UsesPostgresStore();
        if (postgres)
        {
            builder.AddPostgresBillingStore(service.IsGateway);
        }
        else
        {
            builder.Services.AddSingleton<ISqliteRowWriter, BillingRowWriter>();
        }

        if (service.IsGateway)
        {
            GeneratedSigningKey.AddTo(builder, service);
            builder.Services.AddAdServingGateway();
            if (!postgres)
            {
                builder.Services.AddSingleton<IBillingSource, SqliteBillingSource>();
            }
        }

        return builder;
    }
}
