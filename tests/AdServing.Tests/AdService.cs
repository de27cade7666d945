using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdOrleans.AdServing.Tests;

/// <summary>The embedded service in-process on a fresh data directory, with known API keys (as tests/Service.Tests' ServiceFactory).</summary>
public sealed class AdService : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";
    public const string ClientKey = "test-client-key";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "adorleans-ads-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Auth:AdminKeys", AdminKey);
        builder.UseSetting("Auth:ClientKeys", ClientKey);
        builder.UseSetting("Log:Partitions", "4");
    }

    public HttpClient Admin() => Client(AdminKey);

    public HttpClient Ads() => Client(ClientKey);

    private HttpClient Client(string key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Creates a campaign and waits until its state is committed and in the auction index.</summary>
    public async Task CampaignAsync(object campaign, string id)
    {
        var response = await Admin().PostAsJsonAsync("/v1/campaigns", campaign);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Eventually.TrueAsync(async () => (await Admin().GetFromJsonAsync<List<CampaignDto>>("/v1/campaigns"))!.Any(c => c.Id == id));
    }

    /// <summary>Puts a slot and waits until an auction on it no longer answers 404.</summary>
    public async Task SlotAsync(string id, long floorMicros = 0, string auction = "second-price", int width = 300, int height = 250)
    {
        var response = await Admin().PutAsJsonAsync($"/v1/slots/{id}", new { floorMicros, width, height, auction });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(async () =>
            (await Ads().PostAsJsonAsync("/v1/auction", new { slotId = id })).StatusCode != HttpStatusCode.NotFound
            && (await Admin().GetFromJsonAsync<SlotDto>($"/v1/slots/{id}"))!.FloorMicros == floorMicros);
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
