namespace Microsoft.Extensions.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>The grain host: runtime, grain classes, and the partition workers that feed them from the log.</summary>
    public static IHostApplicationBuilder AddSilo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrainRuntime();
        builder.Services.AddAdOrleansGrains();
        builder.Services.AddPartitionHost();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        return builder;
    }
}
