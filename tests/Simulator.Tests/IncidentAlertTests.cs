using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdOrleans.Silo.Alerts;
using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Running;
using AdOrleans.Simulator.Truth;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AdOrleans.Simulator.Tests;

/// <summary>
/// Issue #16 point 7: the simulator stages a CTR collapse on one campaign, a traffic spike and a stalled partition
/// against the embedded service; the rule for each fires within its window after the incident began (plus
/// <see cref="Slack"/>), nothing else fires, and the collapse's and the stall's alerts resolve once the incident is over.
/// </summary>
public sealed class IncidentAlertTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Evaluation is coalesced to 200 ms here; the rest is commit latency and the gateway on a shared, busy machine.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    private readonly EmbeddedServiceFactory _service = new(new EmbeddedServiceOptions
    {
        AdminKey = EmbeddedService.AdminKey, ClientKey = EmbeddedService.ClientKey, TempFolder = "adorleans-sim-tests",
        Settings = new Dictionary<string, string> { ["Alerts:EvaluateAtMostEvery"] = "00:00:00.200", ["Alerts:HealthInterval"] = "00:00:01" },
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task EachStagedIncidentFiresItsOwnRuleWithinTheWindowAndNoOtherRuleFires()
    {
        var admin = _service.CreateClient(EmbeddedService.AdminKey);
        var options = IncidentRun.Options(seed: 16);
        foreach (var rule in IncidentRun.Rules(options))
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", rule)).StatusCode);
        }

        await Eventually.TrueAsync(() => Task.FromResult(_service.Services.GetRequiredService<AlertRuleWatch>().Active), what: "the silo knowing a KPI rule exists");
        using var client = _service.CreateApiClient();
        // Set the catalog up first, so the run starts at once and the incidents' offsets land where they were aimed.
        await CatalogSetup.RunAsync(client, create: true, CancellationToken.None);
        options.Incidents.AddRange(IncidentRun.Incidents(DateTimeOffset.UtcNow));
        options.Duration = options.Incidents.Max(i => i.StartsAfter + i.Length) + IncidentRun.After;

        using var stop = new CancellationTokenSource();
        var run = new SimulationRunner(options, client).RunAsync(TimeSpan.FromSeconds(30), stop.Token);
        var alerts = await AlertsOnceAsync(admin, run, states => states.Contains((IncidentRun.CollapseRule, "resolved")) && states.Exists(s => s.Rule == IncidentRun.SpikeRule));
        await stop.CancelAsync();
        var truth = await run;

        Assert.Equal([IncidentKinds.CtrCollapse, IncidentKinds.TrafficSpike], truth.Incidents.Select(i => i.Kind));
        var fired = alerts["alerts"]!.AsArray().Select(a => a!).ToList();
        Assert.True(fired.Count == 2, $"expected one alert per incident, got {alerts.ToJsonString()}\n{Describe(truth)}");
        AssertFiredWithinWindow(fired, IncidentRun.CollapseRule, IncidentRun.Window, truth.Incidents[0], truth);
        AssertFiredWithinWindow(fired, IncidentRun.SpikeRule, IncidentRun.Window, truth.Incidents[1], truth);
        output.WriteLine(Describe(truth));
        fired.ForEach(a => output.WriteLine($"{a["ruleId"]} fired {a["startedAt"]}, resolved {a["resolvedAt"]}"));
        var collapse = fired.Single(a => a["ruleId"]!.GetValue<string>() == IncidentRun.CollapseRule);
        Assert.True(collapse["resolvedAt"] is not null, $"the collapse's alert did not resolve before the run ended\n{Describe(truth)}");
        Assert.True(collapse["resolvedAt"]!.GetValue<DateTimeOffset>() >= truth.Incidents[0].EndedAt, "the collapse's alert resolved before the collapse ended");
    }

    /// <summary>
    /// The service's consumer of the partition holding <c>channel:web</c> stops reading for 20 s while the run goes on
    /// sending: the pipeline-health rule <c>lag above</c> fires within its window, none of the KPI rules does (the
    /// backlog lands in the minutes its events occurred in, so no minute looks like a spike), and the lag alert resolves
    /// once the stall has ended and the backlog is read.
    /// </summary>
    [Fact]
    public async Task AStalledPartitionFiresTheLagRuleWithinItsWindowNoOtherRuleFiresAndTheAlertResolvesAfterTheStall()
    {
        var admin = _service.CreateClient(EmbeddedService.AdminKey);
        var options = IncidentRun.Options(seed: 17);
        foreach (var rule in IncidentRun.Rules(options).Append(IncidentRun.LagRuleBody()))
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/alerts/rules", rule)).StatusCode);
        }

        await Eventually.TrueAsync(() => Task.FromResult(_service.Services.GetRequiredService<AlertRuleWatch>().Active), what: "the silo knowing a KPI rule exists");
        using var client = _service.CreateApiClient();
        await CatalogSetup.RunAsync(client, create: true, CancellationToken.None);
        options.Incidents.Add(IncidentRun.Stall());
        options.Duration = options.Incidents[0].StartsAfter + options.Incidents[0].Length + IncidentRun.After;

        using var stop = new CancellationTokenSource();
        var run = new SimulationRunner(options, client).RunAsync(TimeSpan.FromSeconds(30), stop.Token);
        var alerts = await AlertsOnceAsync(admin, run, states => states.Contains((IncidentRun.LagRule, "resolved")));
        await stop.CancelAsync();
        var truth = await run;

        Assert.Equal([IncidentKinds.StalledPartition], truth.Incidents.Select(i => i.Kind));
        var fired = alerts["alerts"]!.AsArray().Select(a => a!).ToList();
        Assert.True(fired.Count == 1, $"expected the lag alert alone, got {alerts.ToJsonString()}\n{Describe(truth)}");
        AssertFiredWithinWindow(fired, IncidentRun.LagRule, IncidentRun.LagWindow, truth.Incidents[0], truth);
        var lag = fired.Single();
        output.WriteLine(Describe(truth));
        output.WriteLine($"{lag["ruleId"]} fired {lag["startedAt"]}, resolved {lag["resolvedAt"]}: {lag["history"]!.ToJsonString()}");
        Assert.True(lag["resolvedAt"] is not null, $"the lag alert did not resolve before the run ended\n{Describe(truth)}");
        Assert.True(lag["resolvedAt"]!.GetValue<DateTimeOffset>() >= truth.Incidents[0].EndedAt, "the lag alert resolved before the stall ended");
    }

    /// <summary>
    /// The alerts once <paramref name="done"/> holds for their (rule, state) pairs, or as they are when the run ends by
    /// itself (<see cref="IncidentRun.After"/>): the assertions then say what went wrong.
    /// </summary>
    private static async Task<JsonNode> AlertsOnceAsync(HttpClient admin, Task run, Func<List<(string Rule, string State)>, bool> done)
    {
        while (true)
        {
            var alerts = (await admin.GetFromJsonAsync<JsonNode>("/v1/alerts"))!;
            var states = alerts["alerts"]!.AsArray().Select(a => (Rule: a!["ruleId"]!.GetValue<string>(), State: a["state"]!.GetValue<string>())).ToList();
            if (done(states) || run.IsCompleted)
            {
                return alerts;
            }

            await Task.Delay(100);
        }
    }

    private static void AssertFiredWithinWindow(List<JsonNode> fired, string ruleId, TimeSpan window, IncidentRecord incident, GroundTruth truth)
    {
        var alert = fired.SingleOrDefault(a => a["ruleId"]!.GetValue<string>() == ruleId);
        Assert.True(alert is not null, $"{ruleId} did not fire for {incident.Kind}\n{Describe(truth)}");
        var delay = alert["startedAt"]!.GetValue<DateTimeOffset>() - incident.StartedAt;
        Assert.True(delay >= TimeSpan.Zero && delay <= window + Slack, $"{ruleId} fired {delay.TotalSeconds:0.0} s after {incident.Kind} began\n{Describe(truth)}");
    }

    private static string Describe(GroundTruth truth) =>
        $"run {truth.StartedAt:HH:mm:ss.f}–{truth.EndedAt:HH:mm:ss.f}; incidents " +
        string.Join(", ", truth.Incidents.Select(i => $"{i.Kind} {i.StartedAt:HH:mm:ss.f}–{i.EndedAt:HH:mm:ss.f}")) + "; campaigns " +
        string.Join(", ", truth.Campaigns.Select(c => $"{c.Key} {c.Value.Impressions} imp {c.Value.Clicks} clk")) +
        $"; accepted {truth.Accepted.Events}, pageviews {truth.Accepted.ByType.GetValueOrDefault("pageview")}";
}
