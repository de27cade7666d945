namespace AdOrleans.Grains;

/// <summary>The log's topics. All are co-partitioned (same count, same key hashing), so partition p of each has one owner.</summary>
public static class Topics
{
    /// <summary>Admin changes (create, pause, slot and segment updates), keyed by the entity they change.</summary>
    public const string Commands = "commands";

    /// <summary>Tracking and marketing events, keyed by the campaign (or, without one, the channel) they concern.</summary>
    public const string Events = "events";

    /// <summary>Auction outcomes, keyed by campaign.</summary>
    public const string Auctions = "auctions";

    /// <summary>Compacted: latest campaign and slot state, published by silos and read by every gateway's index.</summary>
    public const string State = "state";

    public static readonly IReadOnlyList<string> All = [Commands, Events, Auctions, State];
}
