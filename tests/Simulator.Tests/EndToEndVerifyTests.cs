using System.Net;
using AdOrleans.Simulator.Generation;
using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Running;
using AdOrleans.Simulator.Truth;
using AdOrleans.Simulator.Verify;

namespace AdOrleans.Simulator.Tests;

public sealed class EndToEndVerifyTests : IAsyncLifetime
{
    private readonly EmbeddedServiceFactory _service = EmbeddedService.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task VerifyPassesAfterASimulatedRunAgainstTheEmbeddedService()
    {
        using var client = _service.CreateApiClient();
        var truth = await new SimulationRunner(EmbeddedService.ShortRun(seed: 1), client).RunAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        var report = await VerifyAsync(truth);

        Assert.True(truth.Accepted.Events > 1000, $"only {truth.Accepted.Events} events were accepted");
        Assert.Equal(truth.Sent.Events, truth.Accepted.Events);
        Assert.True(report.Passed, string.Join("\n", report.Differences));
        // Ad serving is deployed: the run has ad traffic and its billing report matches the truth.
        Assert.NotEmpty(truth.Campaigns);
        Assert.DoesNotContain(report.Notes, n => n.StartsWith("billing: skipped", StringComparison.Ordinal));
        // Every demo campaign serves: a creative for each slot it targets, and targeting that leaves each a place to win.
        Assert.All(Catalog.Campaigns, c => Assert.True(truth.Campaigns.TryGetValue(c.Id, out var served) && served.Impressions > 0, $"{c.Id} never served"));
    }

    [Fact]
    public async Task AStalledPartitionStillGetsItsEventsAndVerifyPassesOnceTheStallEnds()
    {
        var options = EmbeddedService.ShortRun(seed: 4);
        options.Incidents.Add(new IncidentSpec { Kind = IncidentKinds.StalledPartition, Target = "channel:social", Length = options.Duration!.Value });
        using var client = _service.CreateApiClient();
        var notes = new List<string>();

        var truth = await new SimulationRunner(options, client, notes.Add).RunAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Contains($"Stalled the partition of channel:social for {options.Duration}.", notes);
        Assert.True(truth.ByKey["channel:social"].Events > 10, "the stalled key's events were not sent");
        Assert.Equal((IncidentKinds.StalledPartition, "channel:social", truth.StartedAt), (truth.Incidents[0].Kind, truth.Incidents[0].Target, truth.Incidents[0].StartedAt));
        Assert.True((await VerifyAsync(truth)).Passed);
    }

    [Fact]
    public async Task VerifyFailsWhenAcceptedEventsNeverReachTheService()
    {
        using var client = _service.CreateApiClient(inner => new WithholdEveryThirdBatch(inner));
        var truth = await new SimulationRunner(EmbeddedService.ShortRun(seed: 2), client).RunAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

        var report = await VerifyAsync(truth);

        Assert.False(report.Passed);
        Assert.Contains(report.Differences, d => d.Source == "totals" && d.Field == "events" && d.Actual < d.Expected);
    }

    [Fact]
    public async Task VerifyFailsWhenTheTruthClaimsMoreThanWasSent()
    {
        using var client = _service.CreateApiClient();
        var truth = await new SimulationRunner(EmbeddedService.ShortRun(seed: 3), client).RunAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True((await VerifyAsync(truth)).Passed);

        truth.ByKey["channel:web"].Events += 1;
        truth.ByKey["channel:web"].ByType["pageview"] += 1;
        var report = await VerifyAsync(truth);

        Assert.Equal(["channel:web byType.pageview", "channel:web events"], report.Differences.Select(d => $"{d.Subject} {d.Field}").Order(StringComparer.Ordinal));
        Assert.All(report.Differences, d => Assert.Equal(-1, d.Actual - d.Expected));
    }

    private async Task<VerifyReport> VerifyAsync(GroundTruth truth)
    {
        using var client = _service.CreateApiClient();
        return await new Verifier(new ServiceReadings(client), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3), strict: false).VerifyAsync(truth, CancellationToken.None);
    }

    /// <summary>Answers 202 for every third batch without passing it on: the simulator believes the service has events it never got.</summary>
    private sealed class WithholdEveryThirdBatch(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _batches;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/v1/events/batch" && request.Content?.Headers.ContentLength > 100 && Interlocked.Increment(ref _batches) % 3 == 0)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
