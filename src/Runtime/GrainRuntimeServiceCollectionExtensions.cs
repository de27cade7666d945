using AdOrleans.Runtime;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain catalog and its idle collector. The log-consuming partition host is added
    /// separately (<see cref="AddPartitionHost"/>) because only silos run it. Register the runtime
    /// before the partition host: hosted services stop in reverse order, so partitions commit first.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services)
    {
        services.AddOptions<GrainRuntimeOptions>().BindConfiguration(GrainRuntimeOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>();
        services.AddSingleton<GrainCatalog>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainCatalog>());
        services.AddHostedService<GrainRuntimeHost>();
        return services;
    }

    public static IServiceCollection AddPartitionHost(this IServiceCollection services)
    {
        services.AddOptions<PartitionOptions>().BindConfiguration(PartitionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PartitionOptions>, GrainRuntimeOptionsValidator>();
        services.AddSingleton<PartitionHost>();
        services.AddHostedService(sp => sp.GetRequiredService<PartitionHost>());
        return services;
    }

    /// <summary>Registers a grain class under a stable type name, implicitly subscribed to the given log topics.</summary>
    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services, string name, params string[] topics)
        where TInterface : IGrain
        where TGrain : Grain, TInterface
    {
        if (topics.Length > 0 && !typeof(ILogConsumerGrain).IsAssignableFrom(typeof(TGrain)))
        {
            throw new ArgumentException($"{typeof(TGrain).Name} subscribes to topics but does not implement {nameof(ILogConsumerGrain)}.");
        }

        services.AddSingleton(new GrainTypeRegistration(name, typeof(TInterface), typeof(TGrain), topics));
        return services;
    }
}
