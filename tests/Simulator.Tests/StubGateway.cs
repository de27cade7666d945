using System.Net;
using System.Text;

namespace AdOrleans.Simulator.Tests;

/// <summary>
/// A stand-in for the parts of API.md not built on this branch (campaign admin, auctions, tracking URLs): enough to
/// drive the ad-client flow and check what the simulator sends and records. Events get 202; the first
/// <c>tooManyFirst</c> batch requests get 429 with Retry-After: 0.
/// </summary>
internal sealed class StubGateway(int tooManyFirst = 0) : HttpMessageHandler
{
    public const long PriceMicros = 2_000_000;
    private int _auctions;
    private int _batches;

    public int Impressions;
    public int Clicks;
    public int CampaignsCreated;
    public int AcceptedBatches;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        return Task.FromResult((request.Method.Method, path) switch
        {
            ("GET", "/readyz") => new HttpResponseMessage(HttpStatusCode.OK),
            ("POST", "/v1/events/batch") when request.Content!.Headers.ContentLength < 20 => new HttpResponseMessage(HttpStatusCode.BadRequest),
            ("POST", "/v1/events/batch") => Batch(),
            ("GET", "/v1/campaigns") => Json(HttpStatusCode.OK, "[]"),
            ("POST", "/v1/campaigns") => Count(ref CampaignsCreated, HttpStatusCode.Created),
            ("PUT", _) => new HttpResponseMessage(HttpStatusCode.OK),
            ("POST", "/v1/auction") => Auction(),
            ("GET", "/v1/t/imp") => Count(ref Impressions, HttpStatusCode.NoContent),
            ("GET", "/v1/t/click") => Count(ref Clicks, HttpStatusCode.Found),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
    }

    private HttpResponseMessage Batch()
    {
        if (Interlocked.Increment(ref _batches) <= tooManyFirst)
        {
            var busy = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
            return busy;
        }

        Interlocked.Increment(ref AcceptedBatches);
        return new HttpResponseMessage(HttpStatusCode.Accepted);
    }

    private HttpResponseMessage Auction()
    {
        var n = Interlocked.Increment(ref _auctions);
        return n % 4 == 0
            ? new HttpResponseMessage(HttpStatusCode.NoContent)
            : Json(HttpStatusCode.OK, $$"""
                {"auctionId":"a-{{n}}","campaignId":"sim-c-winter-sale","creativeId":"cr-1","creativeUrl":"https://cdn.example/a.png","priceMicros":{{PriceMicros}},
                 "impressionUrl":"http://elsewhere.example/v1/t/imp?token=t{{n}}","clickUrl":"http://elsewhere.example/v1/t/click?token=t{{n}}&to=https%3A%2F%2Fshop.example"}
                """);
    }

    private static HttpResponseMessage Count(ref int counter, HttpStatusCode status)
    {
        Interlocked.Increment(ref counter);
        return new HttpResponseMessage(status);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
