using AdOrleans.Gateway.Lake;

namespace Microsoft.Extensions.DependencyInjection;

public static class LakeServiceCollectionExtensions
{
    /// <summary>The manifest reader, the DuckDB query engine and the lake's JSON metadata (gateway role).</summary>
    public static IServiceCollection AddLakeQueries(this IServiceCollection services)
    {
        services.AddSingleton<LakeManifestReader>();
        services.AddSingleton<LakeQueryEngine>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, LakeJsonContext.Default));
        return services;
    }
}
