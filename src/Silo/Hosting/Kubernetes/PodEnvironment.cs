using Orleans.Hosting.Kubernetes;

namespace AdOrleans.Silo.Hosting.Kubernetes;

/// <summary>
/// The variables Orleans' Kubernetes hosting reads from the process environment (it does not look at
/// <see cref="IConfiguration"/>), as the silo container gets them from the downward API.
/// </summary>
public sealed record PodEnvironment(string? PodName, string? PodNamespace, string? PodIp, string? ServiceId, string? ClusterId)
{
    /// <summary>Each variable with the downward-API field the manifests fill it from (named in start-up errors).</summary>
    public static readonly IReadOnlyList<(string Name, string Field)> Variables =
    [
        (KubernetesHostingOptions.PodNameEnvironmentVariable, "metadata.name"),
        (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, "metadata.namespace"),
        (KubernetesHostingOptions.PodIPEnvironmentVariable, "status.podIP"),
        (KubernetesHostingOptions.ServiceIdEnvironmentVariable, $"metadata.labels['{KubernetesHostingOptions.ServiceIdLabel}']"),
        (KubernetesHostingOptions.ClusterIdEnvironmentVariable, $"metadata.labels['{KubernetesHostingOptions.ClusterIdLabel}']"),
    ];

    public static PodEnvironment FromProcess() => From(Environment.GetEnvironmentVariable);

    public static PodEnvironment From(Func<string, string?> read)
    {
        string? Get(string name) => string.IsNullOrWhiteSpace(read(name)) ? null : read(name);
        return new PodEnvironment(
            Get(KubernetesHostingOptions.PodNameEnvironmentVariable),
            Get(KubernetesHostingOptions.PodNamespaceEnvironmentVariable),
            Get(KubernetesHostingOptions.PodIPEnvironmentVariable),
            Get(KubernetesHostingOptions.ServiceIdEnvironmentVariable),
            Get(KubernetesHostingOptions.ClusterIdEnvironmentVariable));
    }

    /// <summary>The variables that are not set, in <see cref="Variables"/> order.</summary>
    public IEnumerable<(string Name, string Field)> Missing =>
        Variables.Zip([PodName, PodNamespace, PodIp, ServiceId, ClusterId]).Where(v => v.Second is null).Select(v => v.First);

    public bool Complete => !Missing.Any();

    /// <summary>
    /// Auto turns hosting on when any variable is set: a manifest that sets some of them means to run on Kubernetes,
    /// and the validator then names the ones it forgot instead of the silo silently running without the pod watcher.
    /// </summary>
    public bool Enables(KubernetesHosting mode) => mode switch
    {
        KubernetesHosting.On => true,
        KubernetesHosting.Off => false,
        _ => Missing.Count() < Variables.Count,
    };
}
