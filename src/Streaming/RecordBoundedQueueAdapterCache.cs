using Orleans.Providers.Streams.Common;

namespace AdOrleans.Streaming;

/// <summary>Gives every queue a <see cref="RecordBoundedQueueCache"/>.</summary>
internal sealed class RecordBoundedQueueAdapterCache(LogStreamOptions options, string providerName, ILoggerFactory loggers) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) =>
        new RecordBoundedQueueCache(options.CacheSize, options.CacheRecords, loggers.CreateLogger($"{typeof(SimpleQueueCache).FullName}.{providerName}.{queueId}"));
}
