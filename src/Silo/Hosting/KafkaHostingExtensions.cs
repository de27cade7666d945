using AdOrleans.Grains;
using AdOrleans.Log;
using AdOrleans.Silo.Hosting;
using AdOrleans.Streaming.Kafka;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class KafkaHostingExtensions
{
    /// <summary>The log on Kafka (<c>Kafka:BootstrapServers</c>): every topic with <c>Log:Partitions</c> partitions, checked on start or once Kafka answers.</summary>
    public static IHostApplicationBuilder AddKafkaLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        builder.Services.AddSingleton<IPartitionedLog>(sp => new KafkaLog(
            sp.GetRequiredService<IOptions<KafkaOptions>>().Value,
            Topics.All.ToDictionary(t => t, _ => sp.GetRequiredService<IOptions<LogOptions>>().Value.Partitions),
            sp.GetRequiredService<ILogger<KafkaLog>>()));
        builder.Services.AddHostedService<KafkaTopicCheck>();
        return builder;
    }
}
