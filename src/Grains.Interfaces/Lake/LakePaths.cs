using System.Globalization;

namespace AdOrleans.Grains.Lake;

/// <summary>
/// Names in the lake. Hive-style partitions <c>date=YYYY-MM-DD/channel=&lt;channel&gt;</c>; a file name carries its
/// log partition and the offset range it covers (<c>p003-000000001200-000000001299.parquet</c>), so two archivers
/// never write the same name and a name says which records it may hold.
/// </summary>
public static class LakePaths
{
    public const string Events = "events";
    public const string Billing = "billing";

    public static string EventsFile(DateOnly date, string channel, int partition, long from, long to) =>
        string.Create(CultureInfo.InvariantCulture, $"{Events}/date={date:yyyy-MM-dd}/channel={channel}/{PartitionPrefix(partition)}{from:D12}-{to:D12}.parquet");

    /// <summary>One file per closed hour of billing lines: <c>billing/date=2026-12-03/hour-17.parquet</c>.</summary>
    public static string BillingFile(DateTimeOffset hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{Billing}/date={hour.UtcDateTime:yyyy-MM-dd}/hour-{hour.UtcDateTime:HH}.parquet");

    /// <summary>Every file name of a partition's archiver starts with this.</summary>
    public static string PartitionPrefix(int partition) => string.Create(CultureInfo.InvariantCulture, $"p{partition:D3}-");

    public static string Full(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Merges ranges that touch or overlap, in order.</summary>
    public static IReadOnlyList<OffsetRange> Merge(IEnumerable<OffsetRange> ranges)
    {
        var merged = new List<OffsetRange>();
        foreach (var range in ranges.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && range.From <= merged[^1].To + 1)
            {
                merged[^1] = merged[^1] with { To = Math.Max(merged[^1].To, range.To) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
