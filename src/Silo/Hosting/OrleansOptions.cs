using System.ComponentModel.DataAnnotations;
using AdOrleans.Silo.Hosting.Kubernetes;

namespace AdOrleans.Silo.Hosting;

/// <summary>Orleans cluster settings (section <c>Orleans</c>).</summary>
public sealed class OrleansOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Silos and clients of one deployment share it; Orleans keeps grain state apart per service.</summary>
    [Required]
    public string ServiceId { get; set; } = "adorleans";

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    [Required]
    public string ClusterId { get; set; } = "adorleans";

    /// <summary>The address other silos and clients reach this silo at (membership publishes it); with Kubernetes hosting, POD_IP instead.</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port; 0 picks a free port (embedded mode, where no other silo needs to find it).</summary>
    [Range(0, 65535)]
    public int SiloPort { get; set; }

    /// <summary>Port Orleans clients (gateway-only processes) connect to; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int GatewayPort { get; set; }

    /// <summary>
    /// Whether the silo runs the Orleans dashboard at /orleans/. It profiles every grain call, which costs grain
    /// throughput (measured in docs/benchmarks.md); turn it off on silos that need every bit of it.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// Orleans' Kubernetes hosting in a silo (pod labels, downward-API variables, a pod watcher that declares silos
    /// of deleted pods dead): auto runs it when the pod's variables are set, which <c>dotnet run</c> never has.
    /// </summary>
    public KubernetesHosting Kubernetes { get; set; } = KubernetesHosting.Auto;

    /// <summary>
    /// How long a ready silo stays ready while it does not yet read every queue of its share after the share changed
    /// (another silo joined or left and the queues are being handed over). A silo that was never ready gets no grace.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan QueueHandoverGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a gateway-only process waits at start for its Orleans client to connect before it serves anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClientConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Entries in this silo's cache of where grains of other silos live (0: no cache). Orleans' default, 1,000,000,
    /// allocates ~19 MB up front (docs/memory.md); the service's grains that other silos call are far fewer (campaigns,
    /// slots, partition grains), and a miss costs one directory lookup, not an error.
    /// </summary>
    [Range(0, 10_000_000)]
    public int DirectoryCacheSize { get; set; } = 100_000;

    /// <summary>How long an idle grain stays activated before Orleans collects it (its state is written already).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleDeactivationAge { get; set; } = TimeSpan.FromMinutes(15);
}
