namespace AdOrleans.Grains;

public static class EventTypes
{
    public const string Impression = "impression";
    public const string Click = "click";
    public const string Conversion = "conversion";
    public const string Purchase = "purchase";

    /// <summary>
    /// An external ad platform's cost report (impressions, clicks, spend of a channel we did not serve). Built only by
    /// signed cost-report webhooks, never accepted on <c>/v1/events</c> (not in <see cref="All"/>); not billed, no user.
    /// </summary>
    public const string Cost = "cost";

    /// <summary>Every type API.md accepts; auction-linked ones must carry a signed token.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Impression, Click, Conversion, "pageview", "session", "post", "like", "share", "comment",
        "email_sent", "email_open", "email_click", Purchase,
    };

    public static readonly IReadOnlySet<string> AuctionLinked = new HashSet<string>(StringComparer.Ordinal) { Impression, Click };

    /// <summary>Events that carry revenue for a campaign: naming one needs the click's token or that campaign's advertiser key.</summary>
    public static readonly IReadOnlySet<string> Money = new HashSet<string>(StringComparer.Ordinal) { Conversion, Purchase };
}

/// <summary>The social event types that may carry text (scored for sentiment).</summary>
public static class SocialTypes
{
    public const string Post = "post";
    public const string Comment = "comment";
}

public static class Channels
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "display", "search", "social", "email", "video", "web",
    };
}
