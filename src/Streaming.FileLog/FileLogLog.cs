using Microsoft.Extensions.Logging;

namespace AdOrleans.Streaming.Files;

internal static partial class FileLogLog
{
    [LoggerMessage(LogLevel.Information, "Opened the local log in {Directory}: {Partitions} partitions recovered in {ElapsedMs} ms")]
    public static partial void Opened(ILogger logger, string directory, int partitions, long elapsedMs);

    [LoggerMessage(LogLevel.Warning, "Truncated the torn tail of {Path}: {ValidBytes} of {FileBytes} bytes hold valid records")]
    public static partial void TruncatedTornTail(ILogger logger, string path, long validBytes, long fileBytes);

    [LoggerMessage(LogLevel.Information, "Replayed the commit journal {Path}: {Restored} records were missing from the segment files; {ValidBytes} of {FileBytes} bytes are whole chunks")]
    public static partial void JournalReplayed(ILogger logger, string path, int restored, long validBytes, long fileBytes);

    [LoggerMessage(LogLevel.Debug, "Rolled {Topic}[{Partition}] to a new segment at offset {BaseOffset}")]
    public static partial void SegmentRolled(ILogger logger, string topic, int partition, long baseOffset);

    [LoggerMessage(LogLevel.Critical, "The local log writer failed; appends are refused until the log is reopened")]
    public static partial void WriterFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "The local log directory {Directory} is not writable")]
    public static partial void NotWritable(ILogger logger, string directory, Exception exception);

    [LoggerMessage(LogLevel.Information, "Rewrote {Records} records of topic {Topic} in place and checkpointed the journal")]
    public static partial void Rewritten(ILogger logger, string topic, long records);
}
