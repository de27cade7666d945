using AdOrleans.Silo.Hosting;
using AdOrleans.Silo.Hosting.Kubernetes;
using Microsoft.Extensions.Configuration;

namespace AdOrleans.Service.Tests;

public sealed class KubernetesHostingValidatorTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["POD_NAME"] = "adorleans-silo-7c9d-x2k4q",
        ["POD_NAMESPACE"] = "adorleans",
        ["POD_IP"] = "127.0.1.7",
        ["ORLEANS_SERVICE_ID"] = "adorleans",
        ["ORLEANS_CLUSTER_ID"] = "adorleans",
    };

    private static readonly OrleansOptions Options = new() { SiloPort = 11111, GatewayPort = 30000 };

    private static IReadOnlyList<string> Failures(IReadOnlyDictionary<string, string> env, OrleansOptions options, string? postgres = "Host=pg")
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(postgres is null ? [] : [new("ConnectionStrings:Postgres", postgres)])
            .Build();
        var result = new KubernetesHostingValidator(PodEnvironment.From(env.GetValueOrDefault), configuration).Validate(null, options);
        return result.Failed ? [.. result.Failures] : [];
    }

    private static Dictionary<string, string> PodWithout(string variable) => Pod.Where(p => p.Key != variable).ToDictionary();

    [Fact]
    public void AutoStaysOffOutsideAPodWhateverElseIsConfigured()
    {
        Assert.False(PodEnvironment.From(_ => null).Enables(KubernetesHosting.Auto));
        Assert.Empty(Failures(new Dictionary<string, string>(), new OrleansOptions(), postgres: null));
    }

    [Fact]
    public void AutoAcceptsAPodWithEveryVariablePostgresAndFixedPorts()
    {
        Assert.True(PodEnvironment.From(Pod.GetValueOrDefault).Enables(KubernetesHosting.Auto));
        Assert.Empty(Failures(Pod, Options));
    }

    [Theory]
    [InlineData("POD_NAME", "metadata.name")]
    [InlineData("POD_NAMESPACE", "metadata.namespace")]
    [InlineData("POD_IP", "status.podIP")]
    [InlineData("ORLEANS_SERVICE_ID", "metadata.labels['orleans/serviceId']")]
    [InlineData("ORLEANS_CLUSTER_ID", "metadata.labels['orleans/clusterId']")]
    public void AutoWithOneVariableMissingNamesItItsDownwardApiFieldAndTheWayOut(string variable, string field)
    {
        var failure = Assert.Single(Failures(PodWithout(variable), Options));
        Assert.Contains($"environment variable {variable} is not set", failure);
        Assert.Contains($"fieldRef {field}", failure);
        Assert.Contains("Orleans:Kubernetes=off", failure);
    }

    [Fact]
    public void OnOutsideAPodNamesEveryMissingVariablePostgresAndThePorts()
    {
        var failures = string.Join('\n', Failures(new Dictionary<string, string>(), new OrleansOptions { Kubernetes = KubernetesHosting.On }, postgres: null));
        foreach (var variable in PodEnvironment.Variables)
        {
            Assert.Contains($"Orleans:Kubernetes is on but the environment variable {variable.Name} is not set", failures);
        }

        Assert.Contains("ConnectionStrings:Postgres is not set", failures);
        Assert.Contains("Orleans:SiloPort or Orleans:GatewayPort is 0", failures);
    }

    [Fact]
    public void OffIgnoresThePodVariables()
    {
        Assert.Empty(Failures(PodWithout("POD_IP"), new OrleansOptions { Kubernetes = KubernetesHosting.Off }, postgres: null));
    }

    [Fact]
    public void IdsThatDifferFromTheOnesGatewaysUseAreNamedWithBothValues()
    {
        var env = new Dictionary<string, string>(Pod) { ["ORLEANS_SERVICE_ID"] = "ads", ["ORLEANS_CLUSTER_ID"] = "blue" };
        var failures = Failures(env, Options);
        Assert.Equal(2, failures.Count);
        Assert.Contains("ORLEANS_SERVICE_ID ('ads') differs from Orleans:ServiceId ('adorleans')", failures[0]);
        Assert.Contains("ORLEANS_CLUSTER_ID ('blue') differs from Orleans:ClusterId ('adorleans')", failures[1]);
    }

    [Fact]
    public void APodIpThatIsNotAnAddressIsNamed()
    {
        var failure = Assert.Single(Failures(new Dictionary<string, string>(Pod) { ["POD_IP"] = "pod-ip" }, Options));
        Assert.Contains("POD_IP must be the pod's IP address", failure);
    }
}
