using AdOrleans.Grains.Lake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdOrleans.Streaming;

/// <summary>Builds the log's stream provider pieces: adapter, receivers, queue mapper, cache and failure handler.</summary>
internal sealed class LogQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly string _name;
    private readonly IServiceProvider _services;
    private readonly LogStreamOptions _options;
    private readonly LogQueueMapper _mapper;
    private readonly RecordBoundedQueueAdapterCache _cache;
    private readonly DeadLetteringFailureHandler _failures;

    public LogQueueAdapterFactory(string name, IServiceProvider services, IReadOnlyCollection<string> topics)
    {
        (_name, _services) = (name, services);
        _options = services.GetRequiredService<IOptions<LogStreamOptions>>().Value;
        var log = services.GetRequiredService<IPartitionedLog>();
        _mapper = new LogQueueMapper(log.PartitionCount(Topics.Events), topics);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        _cache = new RecordBoundedQueueAdapterCache(_options, name, loggers);
        _failures = new DeadLetteringFailureHandler(_mapper, services.GetRequiredService<GroupCommitter>(), _options, loggers.CreateLogger<DeadLetteringFailureHandler>());
    }

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(new LogQueueAdapter(_name, _mapper, CreateReceiver));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(_failures);

    private LogQueueReceiver CreateReceiver(TopicPartition partition) => new(
        partition,
        _services.GetRequiredService<IPartitionedLog>(),
        _services.GetRequiredService<IGrainStateStore>(),
        _services.GetRequiredService<IReceiverStore>(),
        _services.GetRequiredService<GroupCommitter>(),
        _options,
        _services.GetRequiredService<LogQueueStatuses>().For(partition),
        _services.GetRequiredService<CheckpointHolds>(),
        _services.GetRequiredService<PartitionStalls>(),
        _services.GetRequiredService<ILoggerFactory>().CreateLogger<LogQueueReceiver>());

    public static void Configure(ISiloPersistentStreamConfigurator streams, LogStreamOptions options, TimeSpan pollPeriod)
    {
        streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        streams.ConfigurePullingAgent(agent => agent.Configure(o =>
        {
            o.GetQueueMsgsTimerPeriod = pollPeriod;
            o.StreamInactivityPeriod = options.StreamInactivity;
            o.BatchContainerBatchSize = options.DeliveryBatchSize;
            o.MaxEventDeliveryTime = options.MaxDeliveryTime;
        }));
    }
}
