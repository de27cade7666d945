using AdOrleans.Grains.Lake;
using AdOrleans.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Hosting;

public static class StreamingHostingExtensions
{
    /// <summary>
    /// The log as Orleans' persistent stream provider <see cref="StreamNamespaces.ProviderName"/>: one queue per
    /// partition of the commands and events topics, read by whichever silo Orleans' balancer gives it to. Needs an
    /// <see cref="IPartitionedLog"/>, the store (<see cref="IGrainStateStore"/>, <see cref="IReceiverStore"/>)
    /// and the <see cref="GroupCommitter"/> in the container.
    /// </summary>
    public static ISiloBuilder AddLogStreams(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<LogStreamOptions>().BindConfiguration(LogStreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddSingleton<LogQueueStatuses>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<PartitionStalls>();
        silo.Services.TryAddSingleton<CheckpointHolds>();
        silo.Services.TryAddSingleton<LakeMergeGate>();
        var options = configuration.GetSection(LogStreamOptions.SectionName).Get<LogStreamOptions>() ?? new LogStreamOptions();
        silo.AddPersistentStreams(StreamNamespaces.ProviderName, (services, name) => new LogQueueAdapterFactory(name, services),
            streams => LogQueueAdapterFactory.Configure(streams, options));
        return silo;
    }
}
