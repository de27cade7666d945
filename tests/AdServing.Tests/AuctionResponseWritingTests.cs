using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdOrleans.Gateway.Ads.Auction;

namespace AdOrleans.AdServing.Tests;

/// <summary>
/// The auction's 200 is written by hand (<see cref="AuctionWin"/>) and its key checked by a handler of our own: the
/// JSON must stay exactly what the serializer wrote, and a missing, unknown or wrong-role key still gets its problem.
/// </summary>
public sealed class AuctionResponseWritingTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Theory]
    [InlineData("https://t.example/v1/t/click?token=a.b&to=https%3A%2F%2Fshop.example%2F%3Fq%3D1%26r%3D2")]
    [InlineData("<script>\"quoted\" 'single' \\ back + plus é ü 日本 \U0001F600 \u0001")]
    [InlineData("")]
    public void TheWrittenJsonIsTheSerializersWithTheWebDefaults(string text)
    {
        var response = new AuctionResponse("a-" + text, "c-1", "cr-1", "https://cdn.example/x.png?" + text, long.MaxValue, "https://t.example/imp?" + text, text);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            AuctionWin.Write(writer, response);
        }

        Assert.Equal(JsonSerializer.Serialize(response, JsonSerializerOptions.Web), Encoding.UTF8.GetString(buffer.ToArray()));
    }

    [Fact]
    public async Task AWinIsJsonWithItsLengthAndTheLandingUrlEscapedIntoTheClickUrl()
    {
        await _service.SlotAsync("written");
        var landing = "https://shop.example/p?q=1&r=é";
        await _service.CampaignAsync(new
        {
            id = "written-c",
            name = "Written",
            advertiser = "acme",
            channel = "display",
            bidType = "cpm",
            bidMicros = 2_000_000,
            totalBudgetMicros = 50_000_000,
            targeting = new { slots = new[] { "written" } },
            creatives = new[] { new { id = "written-cr", url = "https://cdn.example/w.png", width = 300, height = 250, landingUrl = landing } },
        }, "written-c");

        var response = await _service.Ads().PostAsJsonAsync("/v1/auction", new { slotId = "written", userId = "u-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        var won = JsonSerializer.Deserialize<AuctionDto>(body, JsonSerializerOptions.Web)!;
        Assert.Equal(("written-c", "written-cr"), (won.CampaignId, won.CreativeId));
        Assert.EndsWith("/v1/t/imp?token=" + won.Token, won.ImpressionUrl);
        Assert.EndsWith($"/v1/t/click?token={won.Token}&to={Uri.EscapeDataString(landing)}", won.ClickUrl);
        Assert.Equal(new Uri(won.ImpressionUrl).GetLeftPart(UriPartial.Authority), new Uri(won.ClickUrl).GetLeftPart(UriPartial.Authority));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("no-such-key", HttpStatusCode.Unauthorized)]
    [InlineData(EmbeddedServiceFactory.DefaultAdminKey, HttpStatusCode.NotFound)]
    public async Task TheAuctionAnswersAProblemForAMissingOrUnknownKeyAndServesAnAdminKey(string? key, HttpStatusCode status)
    {
        using var client = key is null ? _service.CreateClient() : _service.CreateClient(key);

        var response = await client.PostAsJsonAsync("/v1/auction", new { slotId = "no-such-slot" });

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"status\":{(int)status}", await response.Content.ReadAsStringAsync());
    }
}
