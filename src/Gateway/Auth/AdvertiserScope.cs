using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdOrleans.Gateway.Auth;

/// <summary>What an advertiser key may see: only campaigns whose <c>advertiser</c> is the name its keys are configured under.</summary>
public static class AdvertiserScope
{
    /// <summary>The advertiser an advertiser key acts for; null for every other role (no scoping).</summary>
    public static string? Advertiser(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Advertiser) ? user.FindFirstValue(ApiKeyClaims.Advertiser) : null;

    /// <summary>True when the caller may see or change a campaign of <paramref name="campaignAdvertiser"/>.</summary>
    public static bool MaySee(this ClaimsPrincipal user, string campaignAdvertiser) =>
        user.Advertiser() is not { } advertiser || string.Equals(advertiser, campaignAdvertiser, StringComparison.Ordinal);

    public static ProblemHttpResult NotYours(string what) => TypedResults.Problem(
        title: "Not this advertiser's.", detail: $"An advertiser key sees and changes only its own campaigns; {what} is not one of them.",
        statusCode: StatusCodes.Status403Forbidden);
}
