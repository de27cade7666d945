using System.Net;
using System.Net.Http.Json;
using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains.Ctr;
using Microsoft.Extensions.DependencyInjection;

namespace AdOrleans.AdServing.Tests;

/// <summary>Impressions train the model grain, which publishes it through the state topic into the gateway's index and keeps it across a restart.</summary>
public sealed class CtrModelPublicationTests
{
    private static EmbeddedServiceFactory Start(string? directory = null) => new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-ads-tests", DataDirectory = directory, DeleteOnDispose = directory is not null,
        Settings = new Dictionary<string, string> { ["Ctr:PublishInterval"] = "00:00:00.100" },
    });

    /// <summary>Wins an auction on the slot and fires its impression beacon.</summary>
    private static async Task ImpressionAsync(EmbeddedServiceFactory service)
    {
        var auction = await service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = "ctr-s", userId = "u-1", geo = "US", device = "mobile" });
        Assert.Equal(HttpStatusCode.OK, auction.StatusCode);
        var won = (await auction.Content.ReadFromJsonAsync<AuctionDto>())!;
        Assert.Equal(HttpStatusCode.OK, (await service.Ads().GetAsync(won.ImpressionUrl)).StatusCode);
    }

    private static Task GatewayModelAsync(EmbeddedServiceFactory service, long impressions) =>
        Eventually.TrueAsync(() => Task.FromResult(service.Services.GetRequiredService<AuctionIndex>().Ctr?.Impressions == impressions),
            what: $"a gateway model of {impressions} impressions");

    [Fact]
    public async Task ImpressionsTrainAModelThatReachesTheGatewayThroughTheStateTopicAndSurvivesARestart()
    {
        string directory;
        await using (var first = Start())
        {
            directory = first.DataDirectory;
            await first.SlotAsync("ctr-s");
            await first.CampaignAsync(Campaigns.Cpm("ctr-c", 500_000, "ctr-s", bidType: "cpc"), "ctr-c");
            for (var i = 0; i < 3; i++)
            {
                await ImpressionAsync(first);
            }

            await GatewayModelAsync(first, 3);
        }

        await using var second = Start(directory);
        await second.SlotAsync("ctr-s");
        await ImpressionAsync(second);

        // A model that restarted empty would publish 1 impression under a lower version, which the gateway ignores.
        await GatewayModelAsync(second, 4);
        var published = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<ICtrModelGrain>(ICtrModelGrain.Key).PublishedAsync();
        Assert.Equal(4, published?.Impressions);
        Assert.Contains(published!.Weights, w => w != 0);
    }
}
