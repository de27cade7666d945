using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AdOrleans.AdServing.Tests;

/// <summary>POST /v1/campaigns with video and native creatives and the OpenRTB campaign fields.</summary>
public sealed class CreativeFormatTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task IncompleteVideoAndNativeCreativesAreNamedFieldErrors()
    {
        var creatives = new object[]
        {
            new { id = "v1", format = "video" },
            new { id = "v2", format = "video", vastUrl = "ftp://vast.example/a.xml", durationSeconds = 0, mimes = new[] { "mp4" } },
            new { id = "v3", format = "video", vastXml = "<html><body/></html>", durationSeconds = 15, mimes = new[] { "video/mp4" } },
            new { id = "n1", format = "native", imageUrl = "not a url" },
            new { id = "x1", format = "audio", url = "https://cdn.example/a.png", width = 300, height = 250 },
        };
        var campaign = new
        {
            id = "c-formats", name = "Formats", advertiser = "acme", channel = "video", bidType = "cpm", bidMicros = 1_000_000, totalBudgetMicros = 10_000_000,
            creatives, adomain = new[] { "https://acme.example" }, dealIds = new[] { "" },
        };

        var response = await _service.Admin().PostAsJsonAsync("/v1/campaigns", campaign);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[]
        {
            "creatives[0].vastUrl", "creatives[0].durationSeconds", "creatives[0].mimes", "creatives[1].vastUrl", "creatives[1].durationSeconds",
            "creatives[1].mimes", "creatives[2].vastXml", "creatives[3].title", "creatives[3].imageUrl", "creatives[3].landingUrl", "creatives[4].format",
            "adomain", "dealIds",
        })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        }
    }

    [Fact]
    public async Task VideoAndNativeCreativesAndTheOpenRtbFieldsAreStoredAndShown()
    {
        var campaign = OpenRtb.Campaign("c-media", 1_000_000, "1", OpenRtb.Video("c-media", vastUrl: "https://vast.example/a.xml"),
            adomain: ["acme.example"], categories: ["IAB2-1"], dealIds: ["AB-Agency1-0001"], appBundle: "com.acme.app");

        await _service.CampaignAsync(campaign, "c-media");

        var shown = await _service.Admin().GetFromJsonAsync<JsonElement>("/v1/campaigns/c-media");
        var creative = shown.GetProperty("creatives")[0];
        Assert.Equal("video", creative.Text("format"));
        Assert.Equal("https://vast.example/a.xml", creative.Text("vastUrl"));
        Assert.Equal(15, creative.GetProperty("durationSeconds").GetInt32());
        Assert.Equal("AB-Agency1-0001", shown.GetProperty("dealIds")[0].GetString());
        Assert.Equal("com.acme.app", shown.Text("appBundle"));
        Assert.Equal("acme.example", shown.GetProperty("adomain")[0].GetString());
        Assert.Equal("IAB2-1", shown.GetProperty("categories")[0].GetString());
    }
}
