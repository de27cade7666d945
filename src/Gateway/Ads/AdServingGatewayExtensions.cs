using AdOrleans.Gateway.Ads;
using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Ads.Auction;
using AdOrleans.Gateway.Ads.Billing;
using AdOrleans.Gateway.Ads.Budget;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Ads.Tracking;
using AdOrleans.Gateway.Experiments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class AdServingGatewayExtensions
{
    /// <summary>The auction index and its feed, the auctioneer, tracking tokens, the ad admin services and experiments.</summary>
    public static IServiceCollection AddAdServingGateway(this IServiceCollection services)
    {
        services.AddOptions<AdServingOptions>().BindConfiguration(AdServingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OpenRtbOptions>().BindConfiguration(OpenRtbOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.RatesAreValid(), "AdServing:FxRates: each key an ISO-4217 code, each rate 0.000001 to 1000000.").ValidateOnStart();
        services.AddOptions<TrackingOptions>().BindConfiguration(TrackingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuctionIndex>();
        services.AddSingleton<AuctionIndexFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<AuctionIndexFeed>());
        services.AddSingleton<GatewayIdentity>();
        services.AddSingleton<LeaseRenewalSignal>();
        services.AddHostedService<BudgetLeaseKeeper>();
        services.AddSingleton<FrequencyCounter>();
        services.AddSingleton<ClickHistory>();
        services.AddSingleton<Eligibility>();
        services.AddSingleton<Auctioneer>();
        services.AddSingleton<Currencies>();
        services.AddSingleton<TrackingTokens>();
        services.AddSingleton<TrackingUrls>();
        services.AddSingleton<ITrackingTokenVerifier, TrackingTokenVerifier>();
        services.AddOptions<ExperimentOptions>().BindConfiguration(ExperimentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExperimentResults>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AuctionJsonContext.Default));
        return services;
    }

    public static IEndpointRouteBuilder MapAdServing(this IEndpointRouteBuilder routes)
    {
        routes.MapCampaignEndpoints();
        routes.MapSlotEndpoints();
        routes.MapSegmentEndpoints();
        routes.MapAuctionEndpoints();
        routes.MapOpenRtbEndpoints();
        routes.MapTrackingEndpoints();
        routes.MapBillingEndpoints();
        routes.MapExperimentEndpoints();
        return routes;
    }
}
