using AdOrleans.Simulator.Generation;
using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Truth;
using AdOrleans.Simulator.Verify;

namespace AdOrleans.Simulator.Running;

/// <summary>
/// One simulation run: check the target, set up the catalog, note the baseline, then generate traffic at the
/// configured rate (shaped by the diurnal curve and the incident) until the duration ends or it is cancelled.
/// </summary>
public sealed class SimulationRunner(SimulatorOptions options, ApiClient client, Action<string>? note = null)
{
    private static readonly string[] ChannelKeys = ["channel:web", "channel:social", "channel:email"];
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    public RunStats Stats => client.Stats;

    public TruthRecorder? Recorder { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public async Task<GroundTruth> RunAsync(TimeSpan readyWait, CancellationToken cancellationToken)
    {
        await Preflight.CheckAsync(client, readyWait, cancellationToken);
        var (campaigns, notes) = await CatalogSetup.RunAsync(client, options.Setup, cancellationToken);
        notes.ToList().ForEach(n => note?.Invoke(n));

        var seed = options.Seed ?? Random.Shared.Next();
        var runId = options.RunId ?? "sim" + Guid.NewGuid().ToString("N")[..8];
        var start = DateTimeOffset.UtcNow;
        var clock = new SimClock(start, options.Duration, options.TimeScale);
        var truth = new GroundTruth
        {
            RunId = runId, Seed = seed, Target = client.Target.ToString(), Tracking = options.Tracking, StartedAt = start,
            SimulatedFrom = clock.SimulatedFrom, SimulatedTo = clock.SimulatedTo ?? start, TimeScale = clock.Scale,
        };
        truth.Baseline = await CaptureBaselineAsync(truth, campaigns, cancellationToken);
        var recorder = Recorder = new TruthRecorder(truth);
        campaigns.ToList().ForEach(c => recorder.KnowCampaign(c.Id, c.BidType));

        var users = new UserPool(seed, options.Users, options.UserActivityExponent);
        var slots = campaigns.SelectMany(c => c.Slots).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var generator = new TrafficGenerator(seed, runId, users, slots, options.AdShare);
        var incident = new IncidentPlan(options.Incidents, start);
        var sender = new EventSender(client, recorder, options.BatchSize, options.Concurrency);
        var ads = new AdFlow(client, sender, recorder, campaigns.ToDictionary(c => c.Id, StringComparer.Ordinal), new AdFlowSettings(
            runId, options.Tracking, options.AdConcurrency, options.MaxAttempts, clock.Scale, clock.SimulatedTo, incident.CtrFactor));
        options.Incidents.ForEach(i => note?.Invoke($"Incident: {i}."));
        note?.Invoke($"Run {runId}, seed {seed}: {options.EventsPerSecond:N0} events/s, simulated {clock.SimulatedFrom:u} → {(clock.SimulatedTo is { } to ? to.ToString("u") : "open end")}.");
        StartedAt = start;

        using var runEnded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stalls = new PartitionStaller(client, note).StageAsync(options.Incidents, start, runEnded.Token);
        try
        {
            await PaceAsync(generator, sender, ads, clock, incident, start, cancellationToken);
        }
        finally
        {
            await runEnded.CancelAsync();
            await stalls;
            await ads.CompleteAsync();
            await sender.CompleteAsync();
            truth.EndedAt = DateTimeOffset.UtcNow;
            truth.Incidents = incident.Records(truth.EndedAt);
            if (options.Duration is null)
            {
                truth.SimulatedTo = truth.EndedAt;
            }

            if (ads.DisabledReason is { } reason)
            {
                note?.Invoke(reason);
            }
        }

        return truth;
    }

    private async Task PaceAsync(TrafficGenerator generator, EventSender sender, AdFlow ads, SimClock clock, IncidentPlan incident, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var diurnal = new DiurnalCurve(options.DiurnalAmplitude, options.DiurnalPeakHourUtc);
        var end = options.Duration is { } d ? start + d : DateTimeOffset.MaxValue;
        var events = new List<SimEvent>();
        var opportunities = new List<AdOpportunity>();
        using var timer = new PeriodicTimer(Tick);
        var last = start;
        var carry = 0.0;
        while (!cancellationToken.IsCancellationRequested && last < end)
        {
            try
            {
                await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var now = DateTimeOffset.UtcNow;
            now = now > end ? end : now;
            var (simFrom, simTo) = (clock.ToSimulated(last), clock.ToSimulated(now));
            var rate = options.EventsPerSecond * diurnal.Multiplier(simFrom + (simTo - simFrom) / 2) * incident.RateFactor(now);
            var due = Math.Min(carry + rate * (now - last).TotalSeconds, Math.Max(1, rate * 0.5));
            last = now;
            if (due < 1)
            {
                carry = due;
                continue;
            }

            var made = generator.Generate((int)due, simFrom, simTo, events, opportunities);
            carry = due - made;
            opportunities.ForEach(ads.Offer);
            try
            {
                await sender.AddAsync(events, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            events.Clear();
            opportunities.Clear();
        }
    }

    private async Task<Baseline> CaptureBaselineAsync(GroundTruth truth, IReadOnlyList<SimCampaign> campaigns, CancellationToken cancellationToken)
    {
        var readings = new ServiceReadings(client);
        var baseline = new Baseline();
        foreach (var key in ChannelKeys.Concat(campaigns.Select(c => c.Id)))
        {
            baseline.Totals[key] = await readings.TotalsAsync(key, cancellationToken);
        }

        if (campaigns.Count == 0)
        {
            return baseline;
        }

        var (from, to) = ServiceReadings.WindowOf(truth);
        foreach (var campaign in campaigns)
        {
            if (await readings.KpiAsync(campaign.Id, from, to, cancellationToken) is not { } kpi)
            {
                baseline.Kpi = null;
                break;
            }

            (baseline.Kpi ??= new(StringComparer.Ordinal))[campaign.Id] = kpi;
        }

        baseline.Billing = await readings.BillingAsync(from, to, cancellationToken);
        return baseline;
    }
}
