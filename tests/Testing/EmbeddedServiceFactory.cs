using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdOrleans.Testing;

/// <summary>The embedded service in-process (silo + gateway) on its own data directory, with known API keys.</summary>
public sealed class EmbeddedServiceFactory(EmbeddedServiceOptions? options = null) : WebApplicationFactory<Program>
{
    public const string DefaultAdminKey = "test-admin-key";
    public const string DefaultClientKey = "test-client-key";

    private readonly EmbeddedServiceOptions _options = options ?? new EmbeddedServiceOptions();

    public string AdminKey => _options.AdminKey;

    public string ClientKey => _options.ClientKey;

    public string DataDirectory { get; } = options?.DataDirectory
        ?? Path.Combine(Path.GetTempPath(), options?.TempFolder ?? "adorleans-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Auth:AdminKeys", _options.AdminKey);
        builder.UseSetting("Auth:ClientKeys", _options.ClientKey);
        if (_options.Partitions is { } partitions)
        {
            builder.UseSetting("Log:Partitions", partitions.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (key, value) in _options.Settings)
        {
            builder.UseSetting(key, value);
        }

        if (_options.PostgresConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", _options.PostgresConnectionString);
        }
    }

    public HttpClient CreateClient(string apiKey) => WithKey(CreateClient(), apiKey);

    public HttpClient CreateClient(string apiKey, WebApplicationFactoryClientOptions clientOptions) => WithKey(CreateClient(clientOptions), apiKey);

    private static HttpClient WithKey(HttpClient client, string apiKey)
    {
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_options.DeleteOnDispose)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Files still held open must not turn a passing test red; the temp directory is cleaned eventually.
        }
    }
}
