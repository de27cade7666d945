using System.Globalization;

namespace AdOrleans.Streaming.Files;

/// <summary>
/// The partition count a log directory was created with: each topic keeps one numbered directory per partition
/// (<c>&lt;log&gt;/&lt;topic&gt;/&lt;partition&gt;/</c>). Keys map to partitions by that count, so a log must never be
/// opened with another one: records would be read under the wrong keys' partitions, and the grains' per-partition
/// offsets would no longer match.
/// </summary>
public static class PartitionDirectories
{
    /// <summary>The largest partition count any topic of <paramref name="logDirectory"/> has, or null for a new log.</summary>
    public static int? Existing(string logDirectory)
    {
        if (!Directory.Exists(logDirectory))
        {
            return null;
        }

        var counts = Directory.EnumerateDirectories(logDirectory).Select(Count).Where(c => c > 0).ToList();
        return counts.Count == 0 ? null : counts.Max();
    }

    /// <summary>Refuses to open a log whose topics were created with other partition counts than <paramref name="topics"/>.</summary>
    public static void EnsureMatch(string logDirectory, IReadOnlyDictionary<string, int> topics)
    {
        var wrong = topics
            .Select(t => (Topic: t.Key, Wanted: t.Value, Found: Count(Path.Combine(logDirectory, t.Key))))
            .Where(t => t.Found > 0 && t.Found != t.Wanted)
            .ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException(
                $"The log in {logDirectory} was created with other partition counts than configured " +
                $"({string.Join(", ", wrong.Select(t => $"{t.Topic}: {t.Found} on disk, {t.Wanted} configured"))}). " +
                $"A partition count is fixed for the life of a data directory: set Log:Partitions to {wrong[0].Found}, " +
                "or leave it unset to use the data directory's own count.");
        }
    }

    private static int Count(string topicDirectory) =>
        !Directory.Exists(topicDirectory)
            ? 0
            : Directory.EnumerateDirectories(topicDirectory)
                .Count(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out _));
}
