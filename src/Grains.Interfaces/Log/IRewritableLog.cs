namespace AdOrleans.Log;

/// <summary>Changes one record's value in place; returns whether it changed anything. The length must stay the same.</summary>
public delegate bool RecordRewrite(Span<byte> value);

/// <summary>
/// A log whose stored records can be rewritten in place (the embedded file log), for erasing personal data: offsets,
/// sizes and positions stay as they were, so readers, indexes and consumers' applied offsets remain valid. Kafka's
/// log is immutable and does not implement it; its topic retention bounds how long a record stays (docs/privacy.md).
/// </summary>
public interface IRewritableLog
{
    /// <summary>
    /// Applies <paramref name="rewrite"/> to every record of <paramref name="topic"/> durable now, makes the changes
    /// durable, and drops every other on-disk copy of the old bytes (the commit journal). Returns how many records changed.
    /// </summary>
    Task<long> RewriteAsync(string topic, RecordRewrite rewrite, CancellationToken cancellationToken);
}
