using System.Security.Claims;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Gateway.Auth;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Events;

/// <summary>
/// What an advertiser key may post: conversions and purchases of its own campaigns (the campaign's <c>advertiser</c>
/// as this gateway's auction index knows it), nothing else. A request with any other event is refused whole (403).
/// </summary>
public static class AdvertiserEvents
{
    /// <summary>The advertiser the caller's key belongs to; null for every other role.</summary>
    public static string? AdvertiserOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Advertiser) ? user.FindFirstValue(ApiKeyClaims.Advertiser) : null;

    /// <summary>Whether the caller may post a money event for a campaign without the click's token.</summary>
    public static bool MayVouch(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Advertiser);

    /// <summary>Why the advertiser may not post these events (one line per refused event), or null when it may.</summary>
    public static string? Refusal(IReadOnlyList<TrackedEvent> events, string prefix, string advertiser, AuctionIndex index)
    {
        var reasons = new List<string>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var path = prefix.Length == 0 ? "the event" : $"{prefix}[{i}]";
            if (!EventTypes.Money.Contains(e.Type) || e.CampaignId is null)
            {
                reasons.Add($"{path}: an advertiser key may post only conversions and purchases that name one of its campaigns.");
            }
            else if (!index.TryGetCampaign(e.CampaignId, out var campaign))
            {
                reasons.Add($"{path}: campaign '{e.CampaignId}' is not known to this gateway (unknown, or not yet propagated).");
            }
            else if (!string.Equals(campaign.Config.Advertiser, advertiser, StringComparison.Ordinal))
            {
                reasons.Add($"{path}: campaign '{e.CampaignId}' belongs to another advertiser.");
            }
        }

        return reasons.Count == 0 ? null : string.Join(" ", reasons.Take(10));
    }
}
