using AdOrleans.Grains;
using AdOrleans.Log;
using AdOrleans.Streaming.Files;
using AdOrleans.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class EventLogHostingExtensions
{
    /// <summary>
    /// The partitioned log: the durable file log in the data directory unless Kafka is configured. Without
    /// <c>Log:Partitions</c>, the file log keeps the count its data directory was created with, and a new one gets
    /// <see cref="LogOptions.EmbeddedPartitions"/>.
    /// </summary>
    public static IHostApplicationBuilder AddEventLog(this IHostApplicationBuilder builder, ServiceOptions service)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Kafka:BootstrapServers"]))
        {
            return builder.AddKafkaLog();
        }

        var directory = Path.Combine(service.DataDirectory, "log");
        if (builder.Configuration[$"{LogOptions.SectionName}:{nameof(LogOptions.Partitions)}"] is null)
        {
            builder.Services.PostConfigure<LogOptions>(log => log.Partitions = PartitionDirectories.Existing(directory) ?? LogOptions.EmbeddedPartitions);
        }

        builder.Services.AddOptions<FileLogOptions>().BindConfiguration(FileLogOptions.SectionName)
            .Configure<IOptions<LogOptions>>((options, log) =>
            {
                options.Directory = directory;
                options.Topics = Topics.All.ToDictionary(t => t, _ => log.Value.Partitions);
            })
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IPartitionedLog>(sp =>
            new FileLog(sp.GetRequiredService<IOptions<FileLogOptions>>().Value, sp.GetRequiredService<ILogger<FileLog>>()));
        return builder;
    }
}
