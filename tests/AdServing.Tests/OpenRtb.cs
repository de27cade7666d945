using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AdOrleans.AdServing.Tests;

/// <summary>OpenRTB test support: campaigns with formats, deals and block-list fields, and posting bid requests as raw JSON.</summary>
internal static class OpenRtb
{
    public const string Landing = "https://acme.example/landing";

    public static object Campaign(string id, long bid, string slot, object? creative = null, string[]? adomain = null, string[]? categories = null,
        string[]? dealIds = null, string? appBundle = null) => new
    {
        id,
        name = "Campaign " + id,
        advertiser = "acme",
        channel = "display",
        bidType = "cpm",
        bidMicros = bid,
        totalBudgetMicros = 50_000_000L,
        targeting = new { slots = new[] { slot } },
        creatives = new[] { creative ?? Banner(id) },
        adomain,
        categories,
        dealIds,
        appBundle,
    };

    public static object Banner(string id) => new { id = id + "-cr", url = "https://cdn.example/" + id + ".png", width = 300, height = 250 };

    public static object Video(string id, string? vastUrl = null, string? vastXml = null, int durationSeconds = 15) => new
    {
        id = id + "-video", format = "video", vastUrl, vastXml, durationSeconds, mimes = new[] { "video/mp4" }, landingUrl = Landing, width = 640, height = 480,
    };

    public static object Native(string id) => new
    {
        id = id + "-native", format = "native", title = "The new Acme roadster", imageUrl = "https://cdn.example/" + id + ".jpg",
        sponsoredBy = "Acme", landingUrl = Landing, width = 1200, height = 627,
    };

    public static Task<HttpResponseMessage> BidAsync(this EmbeddedServiceFactory service, string json) =>
        service.Ads().PostAsync("/openrtb2/auction", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The single bid of a 200 answer (asserting there is exactly one), with the response.</summary>
    public static async Task<(JsonElement Response, JsonElement Bid)> OneBidAsync(this EmbeddedServiceFactory service, string json)
    {
        var response = await service.BidAsync(json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body, Assert.Single(Assert.Single(body.GetProperty("seatbid").EnumerateArray()).GetProperty("bid").EnumerateArray()));
    }

    public static string? Text(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() : null;
}
