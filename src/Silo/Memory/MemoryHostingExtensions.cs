using AdOrleans.Silo.Memory;

namespace Microsoft.Extensions.Hosting;

public static class MemoryHostingExtensions
{
    /// <summary>Every role: the idle trimmer that gives a burst's heap back to the OS, and paced young collections below saturation (docs/memory.md).</summary>
    public static IHostApplicationBuilder AddMemoryTrimming(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<IdleMemoryTrimmer>();
        builder.Services.AddHostedService<YoungCollectionPacer>();
        return builder;
    }
}
