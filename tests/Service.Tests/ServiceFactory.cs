using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdOrleans.Service.Tests;

/// <summary>The embedded service in-process (silo + gateway) on a fresh data directory, with known API keys.</summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";
    public const string ClientKey = "test-client-key";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "adorleans-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Auth:AdminKeys", AdminKey);
        builder.UseSetting("Auth:ClientKeys", ClientKey);
        builder.UseSetting("Log:Partitions", "4");
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
