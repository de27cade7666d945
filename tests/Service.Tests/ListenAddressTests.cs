using System.Net;

namespace AdOrleans.Service.Tests;

/// <summary>The listen address: the contract's default sits below every source, so the host's own variable is honoured too.</summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task TheServiceListensWhereAspNetCoreUrlsSaysWhenUrlsIsNotSet()
    {
        await using var silo = await ServiceProcess.StartAsync(new ServiceProcessOptions { AddressVariable = "ASPNETCORE_URLS" });
        using var client = silo.CreateClient(EmbeddedServiceFactory.DefaultAdminKey);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
