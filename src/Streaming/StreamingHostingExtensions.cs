using AdOrleans.Grains.Lake;
using AdOrleans.Streaming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Orleans.Hosting;

public static class StreamingHostingExtensions
{
    /// <summary>
    /// The log as two Orleans persistent stream providers: <see cref="StreamNamespaces.ProviderName"/> with one queue per
    /// partition of the events topic, and <see cref="StreamNamespaces.CommandsProviderName"/> with one per partition of
    /// the commands topic, polled every <see cref="LogStreamOptions.CommandsPollPeriod"/>. Each queue is read by whichever
    /// silo Orleans' balancer gives it to. Needs an
    /// <see cref="IPartitionedLog"/>, the store (<see cref="IGrainStateStore"/>, <see cref="IReceiverStore"/>)
    /// and the <see cref="GroupCommitter"/> in the container.
    /// </summary>
    public static ISiloBuilder AddLogStreams(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<LogStreamOptions>().BindConfiguration(LogStreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<LogStreamOptions>, LogStreamOptionsValidator>();
        silo.Services.AddSingleton<LogQueueStatuses>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<PartitionStalls>();
        silo.Services.TryAddSingleton<CheckpointHolds>();
        silo.Services.TryAddSingleton<LakeMergeGate>();
        var options = configuration.GetSection(LogStreamOptions.SectionName).Get<LogStreamOptions>() ?? new LogStreamOptions();
        silo.AddPersistentStreams(StreamNamespaces.ProviderName, (services, name) => new LogQueueAdapterFactory(name, services, [Topics.Events]),
            streams => LogQueueAdapterFactory.Configure(streams, options, options.PollPeriod));
        silo.AddPersistentStreams(StreamNamespaces.CommandsProviderName, (services, name) => new LogQueueAdapterFactory(name, services, [Topics.Commands]),
            streams => LogQueueAdapterFactory.Configure(streams, options, options.CommandsPollPeriod));
        return silo;
    }
}
