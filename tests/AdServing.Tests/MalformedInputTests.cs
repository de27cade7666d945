using System.Net;
using System.Text;

namespace AdOrleans.AdServing.Tests;

/// <summary>Random and malformed input at every ad endpoint: whatever a client sends, the answer is never a 5xx.</summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    private static readonly (HttpMethod Method, string Path, bool Admin)[] Endpoints =
    [
        (HttpMethod.Post, "/v1/campaigns", true),
        (HttpMethod.Post, "/v1/campaigns/c-x/pause", true),
        (HttpMethod.Put, "/v1/slots/s-fuzz", true),
        (HttpMethod.Put, "/v1/segments/g-fuzz", true),
        (HttpMethod.Post, "/v1/auction", false),
        (HttpMethod.Post, "/openrtb2/auction", false),
        (HttpMethod.Post, "/v1/events", false),
        (HttpMethod.Post, "/v1/events/batch", false),
    ];

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "null", "true", "-1", "9223372036854775808", "1e400", "\"\"", "\"x\"", "\"\\u0000\"",
        "\"id\"", "\"slotId\"", "\"bidMicros\"", "\"totalBudgetMicros\"", "\"creatives\"", "\"imp\"", "\"banner\"", "\"format\"",
        "\"bidfloor\"", "\"token\"", "\"type\"", "\"impression\"", "\"targeting\"", "\"slots\"", "\"frequencyCap\"", "\"rules\"",
        "\"auction\"", "\"first-price\"", "\"video\"", "\"native\"", "\"request\"", "\"pmp\"", "\"deals\"", "\"cur\"", "-9999999999999", "0.5", "NaN", "\"2026-13-45T99:00:00Z\"", "\"https://x\"", "{\"w\":-5}",
    ];

    private readonly EmbeddedServiceFactory _service = AdService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task RandomAndMalformedBodiesNeverYieldA5xx()
    {
        var random = new Random(20261122);
        var (admin, ads) = (_service.Admin(), _service.Ads());
        var failures = new List<string>();
        foreach (var (method, path, isAdmin) in Endpoints)
        {
            for (var i = 0; i < 60; i++)
            {
                var body = RandomBody(random);
                var response = await (isAdmin ? admin : ads).SendAsync(new HttpRequestMessage(method, path)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                });
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method} {path} {(int)response.StatusCode}: {body}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }

    [Fact]
    public async Task RandomQueryStringsAndTokensNeverYieldA5xx()
    {
        var random = new Random(7);
        var (admin, ads) = (_service.Admin(), _service.Ads());
        var failures = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            // The test host refuses encoded NULs in a path outright (Kestrel answers 400 before routing), so none are sent.
            var junk = Uri.EscapeDataString(RandomBody(random).Replace("\0", "", StringComparison.Ordinal));
            foreach (var (client, path) in new[]
            {
                (ads, $"/v1/t/imp?token={junk}"), (ads, $"/v1/t/click?token={junk}&to=https://x.example"), (ads, $"/v1/t/click?token=a.b&to={junk}"),
                (admin, $"/v1/reports/billing?from={junk}"), (admin, "/v1/reports/billing?to=9999-12-31T23:59:59Z&from=0001-01-01T00:00:00Z"), (admin, $"/v1/campaigns/{junk}"), (admin, $"/v1/slots/{junk}"), (admin, $"/v1/segments/{junk}"),
            })
            {
                var response = await client.GetAsync(path);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"GET {path} {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
    }

    [Fact]
    public async Task NegativeMoneyUnknownEnumsAndMissingFieldsAreNamedFieldErrors()
    {
        var response = await _service.Admin().PostAsync("/v1/campaigns", new StringContent(
            """{"id":"c-bad","channel":"radio","bidType":"cpx","bidMicros":-5,"totalBudgetMicros":0,"pacing":"slow"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "name", "advertiser", "channel", "bidType", "bidMicros", "totalBudgetMicros", "pacing", "creatives" })
        {
            Assert.Contains($"\"{field}\"", problem);
        }
    }

    private static string RandomBody(Random random)
    {
        if (random.Next(4) == 0)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            return Encoding.Latin1.GetString(bytes);
        }

        var body = new StringBuilder();
        var count = random.Next(1, 30);
        for (var i = 0; i < count; i++)
        {
            body.Append(Fragments[random.Next(Fragments.Length)]);
        }

        return body.ToString();
    }
}
