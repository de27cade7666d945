using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdOrleans.Log;
using Microsoft.AspNetCore.WebUtilities;

namespace AdOrleans.Distributed.Tests;

/// <summary>
/// The client of the failover tests: ad traffic through the gateway at a steady rate, round-robin over one CPM campaign
/// per events partition (each with its own slot, so it wins its slot's auctions). A unit is an auction, its impression
/// beacon, on every second unit the click beacon, and a batch of a pageview per campaign with, on clicked units, a
/// conversion or a purchase carrying the click's token. Each request is retried until acknowledged — after a 503 or a timeout with
/// the same eventIds, as a real client does — and then recorded in the <see cref="Truth"/> and kept, so that
/// <see cref="RepostAsync"/> can send every acknowledged request again.
/// </summary>
public sealed class AdTraffic : IAsyncDisposable
{
    /// <summary>A steady rate keeps the number of events modest however long a fault lasts.</summary>
    private static readonly TimeSpan UnitEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>Longer than any fault the tests inject: a request still refused after it means the service did not recover.</summary>
    private static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromSeconds(90);

    private readonly TestCluster _cluster;
    private readonly HttpClient _client;
    private readonly IReadOnlyList<string> _campaigns;
    private readonly List<Request> _acknowledged = [];
    private CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    /// <summary>Units completed; also the number of the next unit, so eventIds stay unique across runs.</summary>
    private int _units;
    private int _refused;
    private int _notServed;

    private AdTraffic(TestCluster cluster, ServiceProcess gateway, IReadOnlyList<string> campaigns)
    {
        _cluster = cluster;
        // A click beacon answers 302 to the advertiser's page, which is the acknowledgement: it is not followed.
        _client = gateway.CreateClient(TestCluster.ClientKey, followRedirects: false);
        _campaigns = campaigns;
        Truth = new GroundTruth(campaigns);
    }

    public GroundTruth Truth { get; }

    /// <summary>Auctions answered without a win and asked again: no fill while a lease lapsed, or a slot not indexed yet.</summary>
    public int NotServed => Volatile.Read(ref _notServed);

    /// <summary>Units completed (every request of each acknowledged).</summary>
    public int Units => Volatile.Read(ref _units);

    /// <summary>Requests answered 503 or not answered (then retried).</summary>
    public int Refused => Volatile.Read(ref _refused);

    public static string CreativeOf(string campaign) => "cr-" + campaign;

    /// <summary>
    /// Creates one campaign per events partition (ids chosen by the log's own partitioner), each with its own slot, and
    /// waits until the gateway's auction index serves every slot.
    /// </summary>
    public static async Task<AdTraffic> SetUpAsync(TestCluster cluster, ServiceProcess gateway)
    {
        var campaigns = Enumerable.Range(0, 10_000).Select(i => $"f-{i}")
            .GroupBy(id => KeyPartitioner.Partition(id, cluster.Partitions)).Select(g => g.First()).Take(cluster.Partitions).ToList();
        Assert.Equal(cluster.Partitions, campaigns.Count);
        var traffic = new AdTraffic(cluster, gateway, campaigns);
        using var admin = gateway.CreateClient(TestCluster.AdminKey);
        await Task.WhenAll(campaigns.Select((id, i) => traffic.CreateAsync(admin, id, i)));
        await Task.WhenAll(campaigns.Select(traffic.WaitUntilServedAsync));
        return traffic;
    }

    public void Start()
    {
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        _running = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Stops after the unit under way: every request of it is acknowledged, so the truth stays exact.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    /// <summary>Waits, while the traffic runs, until <paramref name="units"/> units are complete.</summary>
    public Task WaitForUnitsAsync(int units, TimeSpan timeout) =>
        WaitAsync(() => Units >= units, timeout, $"{units} units of traffic (done: {Units})");

    /// <summary>Waits, while the traffic runs, until the service refused <paramref name="refused"/> requests in all.</summary>
    public Task WaitUntilRefusedAsync(int refused, TimeSpan timeout) =>
        WaitAsync(() => Refused >= refused, timeout, $"{refused} refused requests (so far: {Refused})");

    /// <summary>Sends every acknowledged request again (a client that lost its acknowledgements): each must be acknowledged again.</summary>
    public Task RepostAsync() =>
        Parallel.ForEachAsync(_acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
        {
            using var response = await SendUntilAcknowledgedAsync(_client, request);
        });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        _client.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var rate = new PeriodicTimer(UnitEvery);
        while (!stop.IsCancellationRequested)
        {
            await UnitAsync(Units, _campaigns[Units % _campaigns.Count]);
            Interlocked.Increment(ref _units);
            await rate.WaitForNextTickAsync(CancellationToken.None);
        }
    }

    private async Task UnitAsync(int n, string campaign)
    {
        var won = await AuctionAsync(campaign);
        var impressionUrl = won["impressionUrl"]!.GetValue<string>();
        await AcknowledgeAsync(new Request(HttpMethod.Get, impressionUrl, null, HttpStatusCode.OK));
        Truth.Impression(campaign, won["priceMicros"]!.GetValue<long>() / 1000);

        var (clicked, converted, value) = (n % 2 == 0, n % 4 == 0, 1_000_000L + n);
        var occurredAt = DateTimeOffset.UtcNow;
        // A pageview for every campaign, so every partition gets records all the time: whenever a fault comes, a partition
        // has records delivered to its grains but not yet checkpointed, which its next reader replays.
        var events = _campaigns.Select(c => Event($"{n}-pv-{c}", "pageview", c, $"u-{n}", 0, occurredAt)).ToList();
        if (clicked)
        {
            await AcknowledgeAsync(new Request(HttpMethod.Get, won["clickUrl"]!.GetValue<string>(), null, HttpStatusCode.Redirect));
            Truth.Click(campaign);
            // Click-through: the click's token and creative go with it (the bill counts conversions per creative).
            var (token, creative) = (QueryHelpers.ParseQuery(new Uri(impressionUrl).Query)["token"].ToString(), won["creativeId"]!.GetValue<string>());
            events.Add(converted
                ? Event($"{n}-conversion", "conversion", campaign, $"u-{n}", value, occurredAt, token, creative)
                : Event($"{n}-purchase", "purchase", campaign, $"buyer-{n}", value, occurredAt, token, creative));
        }

        await AcknowledgeAsync(new Request(HttpMethod.Post, "/v1/events/batch", JsonSerializer.Serialize(new { events }), HttpStatusCode.Accepted));
        foreach (var c in _campaigns)
        {
            Truth.Pageview(c);
        }

        if (clicked && converted)
        {
            Truth.Conversion(campaign, value);
        }
        else if (clicked)
        {
            Truth.Purchase(campaign, value);
        }
    }

    private static object Event(string id, string type, string campaign, string user, long valueMicros, DateTimeOffset occurredAt, string? token = null, string? creativeId = null) =>
        new { eventId = id, type, campaignId = campaign, creativeId, channel = "display", userId = user, valueMicros, token, occurredAt };

    /// <summary>
    /// An auction on the campaign's own slot, which it wins. Auctions run on the gateway's index and budget lease alone,
    /// but a lease is renewed by the campaign's grain: while that grain's silo is dead and not yet declared so (Orleans'
    /// probes take seconds, more on a loaded machine), the gateway spends what it holds and then has no fill (204)
    /// rather than bid beyond its budget. The client asks again, as an ad client would on its next page view; once the
    /// grain is reactivated elsewhere the campaign must win again within the acknowledgement time.
    /// </summary>
    private async Task<JsonObject> AuctionAsync(string campaign)
    {
        using var response = await SendUntilAcknowledgedAsync(_client, Auction(campaign), retried: [HttpStatusCode.NoContent]);
        var won = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(campaign, won["campaignId"]!.GetValue<string>());
        return won;
    }

    /// <summary>The gateway's index learns slots and campaigns from the state topic: until then it answers 404 or 204.</summary>
    private async Task WaitUntilServedAsync(string campaign)
    {
        using var response = await SendUntilAcknowledgedAsync(_client, Auction(campaign), retried: [HttpStatusCode.NotFound, HttpStatusCode.NoContent]);
    }

    private static Request Auction(string campaign) =>
        new(HttpMethod.Post, "/v1/auction", JsonSerializer.Serialize(new { slotId = SlotOf(campaign), userId = "u-1" }), HttpStatusCode.OK);

    private async Task CreateAsync(HttpClient admin, string campaign, int i)
    {
        var slot = new { floorMicros = 1_000_000 + (i * 10_000), width = 300, height = 250, auction = "second-price" };
        using var put = await SendUntilAcknowledgedAsync(admin, new Request(HttpMethod.Put, $"/v1/slots/{SlotOf(campaign)}", JsonSerializer.Serialize(slot), HttpStatusCode.OK));
        var body = new
        {
            id = campaign, name = campaign, advertiser = "acme", channel = "display", bidType = "cpm", bidMicros = 3_000_000,
            totalBudgetMicros = 1_000_000_000_000, dailyBudgetMicros = 0, pacing = "asap", targeting = new { slots = new[] { SlotOf(campaign) } },
            creatives = new[] { new { id = CreativeOf(campaign), url = "https://cdn.example/f.png", width = 300, height = 250 } },
        };
        // A create that timed out may have landed: its retry then answers 409, which is as good as 201.
        using var created = await SendUntilAcknowledgedAsync(admin, new Request(HttpMethod.Post, "/v1/campaigns", JsonSerializer.Serialize(body), HttpStatusCode.Created),
            alsoAccept: HttpStatusCode.Conflict);
    }

    private static string SlotOf(string campaign) => "s-" + campaign;

    private async Task AcknowledgeAsync(Request request)
    {
        using var response = await SendUntilAcknowledgedAsync(_client, request);
        lock (_acknowledged)
        {
            _acknowledged.Add(request);
        }
    }

    /// <summary>Retries after a 503 (as Retry-After says), a timeout or a refused connection; any other answer fails the test.</summary>
    private async Task<HttpResponseMessage> SendUntilAcknowledgedAsync(
        HttpClient client, Request request, HttpStatusCode? alsoAccept = null, IReadOnlyCollection<HttpStatusCode>? retried = null)
    {
        var deadline = DateTime.UtcNow + AcknowledgeWithin;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var retryAfter = TimeSpan.FromMilliseconds(200);
            using var message = request.Message();
            try
            {
                var response = await client.SendAsync(message);
                if (response.StatusCode == request.Acknowledged || response.StatusCode == alsoAccept)
                {
                    return response;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable || retried?.Contains(response.StatusCode) == true, $"{request} answered {last}\n{_cluster.Outputs}");
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref _refused);
                    retryAfter = response.Headers.RetryAfter?.Delta ?? retryAfter;
                }
                else
                {
                    Interlocked.Increment(ref _notServed);
                }

                response.Dispose();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not answered: the outcome is unknown, so the same request (same eventIds) goes again.
                last = e.Message;
                Interlocked.Increment(ref _refused);
            }

            await Task.Delay(retryAfter);
        }

        Assert.Fail($"{request} was not acknowledged within {AcknowledgeWithin}; last answer: {last}\n{_cluster.Outputs}");
        return null;
    }

    private async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (_running.IsCompleted)
            {
                // The traffic failed (its assertion says why) or was stopped: it cannot reach the condition any more.
                await _running;
                Assert.Fail($"the traffic stopped before {what}\n{_cluster.Outputs}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {what} within {timeout}\n{_cluster.Outputs}");
            await Task.Delay(50);
        }
    }

    /// <summary>One request as the client sends it, every time with the same body.</summary>
    private sealed record Request(HttpMethod Method, string Url, string? Json, HttpStatusCode Acknowledged)
    {
        public HttpRequestMessage Message() =>
            new(Method, Url) { Content = Json is null ? null : new StringContent(Json, Encoding.UTF8, "application/json") };

        public override string ToString() => $"{Method} {(Url.Length > 80 ? Url[..80] + "…" : Url)}";
    }
}
