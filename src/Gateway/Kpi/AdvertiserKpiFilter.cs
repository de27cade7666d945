using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Auth;
using Microsoft.AspNetCore.Http;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// Advertiser keys read the KPIs of their own campaigns only: <c>/v1/kpi/campaigns/{id}</c> of a campaign whose
/// advertiser is theirs. Every other KPI view (channels, summary, top, slots, segments, creatives, the stream) mixes
/// advertisers and answers 403. Admin and analyst keys pass unchanged.
/// </summary>
public sealed class AdvertiserKpiFilter(AuctionIndex index) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Advertiser() is null)
        {
            return await next(context);
        }

        var ownCampaign = http.GetEndpoint()?.Metadata.GetMetadata<CampaignKpiRoute>() is not null
            && http.Request.RouteValues.TryGetValue("id", out var id) && id is string campaignId
            && index.TryGetCampaign(campaignId, out var campaign)
            && http.User.MaySee(campaign.Config.Advertiser);
        return ownCampaign ? await next(context) : AdvertiserScope.NotYours("this KPI view");
    }
}

/// <summary>Marks the per-campaign KPI route, the one KPI view an advertiser key may read (for its own campaigns).</summary>
public sealed class CampaignKpiRoute;
