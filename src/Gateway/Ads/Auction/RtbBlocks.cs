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

    /// <summary>Loops rather than LINQ: this runs per candidate of every auction that sends block lists.</summary>
    public bool Blocks(CampaignConfig campaign)
    {
        if (_apps is not null && campaign.AppBundle is { } bundle && _apps.Contains(bundle))
        {
            return true;
        }

        if (_categories is not null)
        {
            foreach (var category in campaign.Categories)
            {
                var dash = category.IndexOf('-');
                if (_categories.Contains(category) || (dash > 0 && _categories.Contains(category[..dash])))
                {
                    return true;
                }
            }
        }

        if (_domains is not null)
        {
            foreach (var domain in campaign.Adomain)
            {
                if (BlockedDomain(domain))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The domain or any parent domain of it is listed (shop.ford.com: shop.ford.com, ford.com, com).</summary>
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
