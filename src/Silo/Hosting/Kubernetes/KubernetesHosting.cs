namespace AdOrleans.Silo.Hosting.Kubernetes;

/// <summary>Whether a silo runs Orleans' Kubernetes hosting (<c>Orleans:Kubernetes</c>).</summary>
public enum KubernetesHosting
{
    /// <summary>On when the pod's downward-API variables (<see cref="PodEnvironment.Variables"/>) are set, off otherwise.</summary>
    Auto,

    /// <summary>Always; start-up fails when a variable it needs is missing.</summary>
    On,

    /// <summary>Never, even inside a pod.</summary>
    Off,
}
