namespace AdOrleans.Grains;

public static class EventTypes
{
    public const string Impression = "impression";
    public const string Click = "click";
    public const string Conversion = "conversion";

    /// <summary>Every type API.md accepts; auction-linked ones must carry a signed token.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Impression, Click, Conversion, "pageview", "session", "post", "like", "share", "comment",
        "email_sent", "email_open", "email_click", "purchase",
    };

    public static readonly IReadOnlySet<string> AuctionLinked = new HashSet<string>(StringComparer.Ordinal) { Impression, Click };
}

public static class Channels
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "display", "search", "social", "email", "video", "web",
    };
}
