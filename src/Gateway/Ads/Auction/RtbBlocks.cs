using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Auction;

/// <summary>
/// A bid request's block lists, built once per request. <c>bcat</c> blocks a campaign with a listed category or whose
/// category's tier-1 parent is listed (IAB3 blocks IAB3-1); <c>badv</c> a campaign with a listed advertiser domain or a
/// subdomain of one; <c>bapp</c> a campaign whose <c>appBundle</c> (the app it advertises) is listed. A campaign that
/// declares nothing for a list is not blocked by it.
/// </summary>
public sealed class RtbBlocks
{
    public static readonly RtbBlocks None = new(null, null, null);

    private readonly HashSet<string>? _categories;
    private readonly HashSet<string>? _domains;
    private readonly HashSet<string>? _apps;

    public RtbBlocks(IReadOnlyList<string?>? bcat, IReadOnlyList<string?>? badv, IReadOnlyList<string?>? bapp)
    {
        _categories = Set(bcat);
        _domains = Set(badv);
        _apps = Set(bapp);
    }

    public bool Blocks(CampaignConfig campaign) =>
        (_categories is not null && campaign.Categories.Any(c => _categories.Contains(c) || (c.IndexOf('-') is > 0 and var dash && _categories.Contains(c[..dash]))))
        || (_domains is not null && campaign.Adomain.Any(BlockedDomain))
        || (_apps is not null && campaign.AppBundle is { } bundle && _apps.Contains(bundle));

    private bool BlockedDomain(string domain)
    {
        for (var name = domain; ; name = name[(name.IndexOf('.') + 1)..])
        {
            if (_domains!.Contains(name))
            {
                return true;
            }

            if (!name.Contains('.'))
            {
                return false;
            }
        }
    }

    private static HashSet<string>? Set(IReadOnlyList<string?>? values) =>
        values is null || values.Count == 0 ? null : values.OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
}
