using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AdOrleans.AdServing.Tests;

/// <summary>Whatever an exchange sends, /openrtb2/auction answers 200, 204 or a 400 ProblemDetails, never a 5xx.</summary>
public sealed class OpenRtbInvalidRequestTests : IAsyncLifetime
{
    private static readonly string[] Garbage =
    [
        "", "{", "[]", "null", "\"x\"", "42", "{\"id\":}", "{\"id\":\"r\",\"imp\":{}}", "{\"id\":\"r\",\"imp\":[null]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":\"wide\"}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"bidfloor\":1e400,\"banner\":{}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"bidfloor\":-1,\"banner\":{}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"bidfloor\":999999999999,\"banner\":{}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"bidfloorcur\":\"€€€€\",\"banner\":{}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{\"request\":\"{not json\"}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{\"request\":42}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{\"request\":\"{\\\"assets\\\":[{\\\"id\\\":\\\"x\\\"}]}\"}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{\"request\":{\"native\":{\"assets\":[{\"id\":1,\"title\":{\"len\":\"long\"}}]}}}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"video\":{\"mimes\":[null],\"minduration\":-5,\"maxduration\":-1}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{},\"pmp\":{\"private_auction\":7,\"deals\":[null]}}]}",
        "{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{},\"pmp\":{\"deals\":[{\"id\":\"d\",\"bidfloor\":-3,\"at\":99}]}}]}",
        "{\"id\":\"r\",\"at\":-1,\"tmax\":-100,\"cur\":[null,\"\"],\"bcat\":[null],\"badv\":[null],\"bapp\":[null],\"imp\":[{\"id\":\"1\",\"banner\":{}}]}",
        "{\"id\":\"r\",\"tmax\":2147483647,\"imp\":[{\"id\":\"1\",\"banner\":{\"format\":[null,{\"w\":-1,\"h\":0}]}}]}",
    ];

    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task AssortedGarbageGetsA400OrA204AndNeverA5xx()
    {
        await _service.SlotAsync("1");
        await _service.CampaignAsync(OpenRtb.Campaign("fuzz", 3_000_000, "1", dealIds: ["d"]), "fuzz");
        await _service.CampaignAsync(OpenRtb.Campaign("fuzz-native", 3_000_000, "1", OpenRtb.Native("fuzz-native")), "fuzz-native");

        foreach (var body in Garbage)
        {
            var response = await _service.BidAsync(body);

            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NoContent or HttpStatusCode.OK, $"{(int)response.StatusCode} for {body}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Theory]
    [InlineData("{\"imp\":[{\"id\":\"1\",\"banner\":{}}]}", "id")]
    [InlineData("{\"id\":\"r\"}", "imp")]
    [InlineData("{\"id\":\"r\",\"imp\":[]}", "imp")]
    [InlineData("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"audio\":{\"mimes\":[\"audio/mp4\"]}}]}", "imp[0]")]
    [InlineData("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"native\":{\"request\":\"{not json\"}}]}", "imp[0].native.request")]
    [InlineData("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{},\"bidfloor\":-1}]}", "imp[0].bidfloor")]
    [InlineData("{\"id\":\"r\",\"imp\":[{\"id\":\"1\",\"banner\":{},\"pmp\":{\"deals\":[{\"bidfloor\":1}]}}]}", "imp[0].pmp.deals")]
    public async Task AnInvalidRequestIsA400NamingTheField(string body, string field)
    {
        var response = await _service.BidAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
