using System.Net;
using Microsoft.Extensions.Options;

namespace AdOrleans.Silo.Hosting.Kubernetes;

/// <summary>
/// Checks, when Kubernetes hosting is on, what it needs and what it does not bring: the downward-API variables,
/// PostgreSQL membership (the package watches pods but keeps no membership), fixed ports (the NetworkPolicies and
/// container ports name them), and ids equal to the ones gateway-only processes use to find the silos.
/// </summary>
public sealed class KubernetesHostingValidator(PodEnvironment pod, IConfiguration configuration) : IValidateOptions<OrleansOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansOptions options)
    {
        if (!pod.Enables(options.Kubernetes))
        {
            return ValidateOptionsResult.Success;
        }

        var mode = $"Orleans:Kubernetes is {options.Kubernetes.ToString().ToLowerInvariant()}";
        var failures = pod.Missing.Select(v =>
            $"{mode} but the environment variable {v.Name} is not set: give the silo container env {v.Name} from the downward API (fieldRef {v.Field}, see k8s/base/silo.yaml), or set Orleans:Kubernetes=off.").ToList();
        if (pod.PodIp is not null && !IPAddress.TryParse(pod.PodIp, out _))
        {
            failures.Add($"POD_IP must be the pod's IP address (fieldRef status.podIP), got '{pod.PodIp}'.");
        }

        if (pod.ServiceId is not null && pod.ServiceId != options.ServiceId)
        {
            failures.Add($"ORLEANS_SERVICE_ID ('{pod.ServiceId}') differs from Orleans:ServiceId ('{options.ServiceId}'): the silo would join as the former while gateway-only processes look for the latter. Set the pod label orleans/serviceId and Orleans__ServiceId to the same value.");
        }

        if (pod.ClusterId is not null && pod.ClusterId != options.ClusterId)
        {
            failures.Add($"ORLEANS_CLUSTER_ID ('{pod.ClusterId}') differs from Orleans:ClusterId ('{options.ClusterId}'): the silo would join as the former while gateway-only processes look for the latter. Set the pod label orleans/clusterId and Orleans__ClusterId to the same value.");
        }

        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")))
        {
            failures.Add($"{mode} but ConnectionStrings:Postgres is not set: Kubernetes hosting watches pods but keeps no membership, so silos in different pods find each other only through the PostgreSQL membership table.");
        }

        if (options.SiloPort == 0 || options.GatewayPort == 0)
        {
            failures.Add($"{mode} but Orleans:SiloPort or Orleans:GatewayPort is 0: set both (11111 and 30000 in k8s/), the ports the container and the NetworkPolicies open.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
