using AdOrleans.Grains;
using AdOrleans.Log;
using AdOrleans.Streaming.Files;
using AdOrleans.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class EventLogHostingExtensions
{
    /// <summary>The partitioned log: the durable file log in the data directory unless Kafka is configured.</summary>
    public static IHostApplicationBuilder AddEventLog(this IHostApplicationBuilder builder, ServiceOptions service)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Kafka:BootstrapServers"]))
        {
            return builder.AddKafkaLog();
        }

        builder.Services.AddOptions<FileLogOptions>().BindConfiguration(FileLogOptions.SectionName)
            .Configure<IOptions<LogOptions>>((options, log) =>
            {
                options.Directory = Path.Combine(service.DataDirectory, "log");
                options.Topics = Topics.All.ToDictionary(t => t, _ => log.Value.Partitions);
            })
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IPartitionedLog>(sp =>
            new FileLog(sp.GetRequiredService<IOptions<FileLogOptions>>().Value, sp.GetRequiredService<ILogger<FileLog>>()));
        return builder;
    }
}
