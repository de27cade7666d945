using System.Runtime.InteropServices;
using AdOrleans.Bench;
using AdOrleans.Grains.Alerts;
using AdOrleans.Grains.Kpi;

namespace AdOrleans.Alerts.Bench;

/// <summary>
/// Usage: dotnet run -c Release --project bench/Alerts.Bench -- [--weeks N] [--rate EVENTS_PER_S] [--seed N] [--step S]
/// (defaults 4, 1000, 42, 10). Replays anomaly rules (AnomalyModel and AlertDecision, the real classes) over the
/// simulator's normal traffic, <see cref="SimulatedWeeks"/>: after 14 days of history, <c>--weeks</c> simulated weeks
/// without incidents count the false alarms per rule per week; then one week with injected incidents measures how
/// long each matching rule takes to fire. Exits 1 when a rule misses its incident (docs/alerts.md, "Anomaly rules").
/// </summary>
internal static class AlertsBench
{
    private const int HistoryDays = 14;
    private static readonly double[] Scores = [3, 4, 5];

    public static Task<int> Main(string[] args) => BenchmarkProcess.RunAsync(TimeSpan.FromMinutes(30), _ => Task.Run(() => Run(args)));

    private static void Run(string[] args)
    {
        double Arg(string name, double fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var (weeks, rate, seed, step) = ((int)Arg("--weeks", 4), Arg("--rate", 1000), (int)Arg("--seed", 42), (int)Arg("--step", 10));
        var options = new AlertOptions();
        var traffic = new SimulatedWeeks(seed, rate, adShare: 0.1, diurnalAmplitude: 0.6, peakHourUtc: 19);
        var (pageviews, opportunities) = traffic.EventMix();
        Console.WriteLine($"# AdOrleans anomaly-rule benchmark: {weeks} simulated week(s) of normal traffic after {HistoryDays} days of history, evaluated every {step} s");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"traffic: {rate:N0} events/s daily mean, diurnal amplitude 0.6 (peak 19:00 UTC), seed {seed}; pageviews {pageviews:P1} of events, ad opportunities {opportunities:P1}; " +
            $"campaign {SimulatedWeeks.Campaign.Id} wins {SimulatedWeeks.CampaignShare:P0} of them, CTR {SimulatedWeeks.Campaign.Ctr:P1}");
        Console.WriteLine($"model: baseline = same window on the last {options.AnomalyBaselineDays} days, warm-up {options.AnomalyWarmupDays} days, resolve margin {options.ResolveMargin:P0}");

        var (from, to) = (HistoryDays * 1440, (HistoryDays + 7 * weeks) * 1440);
        var (campaign, web) = traffic.Build(HistoryDays + 7 * weeks, []);
        Console.WriteLine();
        Console.WriteLine($"## False alarms per simulated week (no incidents; {weeks} week(s))");
        Console.WriteLine("(the model as it is, then at z 3: without the sampling-noise floor, and also with the partial current minute: the model before)");
        Console.WriteLine($"{"rule",-44} {string.Join(" ", Scores.Select(z => $"{"z " + z,6}"))} {"no floor",9} {"+ partial",9}");
        foreach (var (name, rule, scope) in Rules(campaign, web))
        {
            double PerWeek(double z, WindowEnd end, bool floor) => Replay(rule with { Value = z }, options, step, scope, from, to, end, floor).Count / (double)weeks;
            var now = Scores.Select(z => PerWeek(z, WindowEnd.CompleteMinutes, floor: true));
            Console.WriteLine($"{name,-44} {string.Join(" ", now.Select(n => $"{n,6:0.##}"))} {PerWeek(3, WindowEnd.CompleteMinutes, floor: false),9:0.##} {PerWeek(3, WindowEnd.PartialMinute, floor: false),9:0.##}");
        }

        var warmup = Rules(campaign, web).Sum(r => Replay(r.Rule with { Value = 3 }, options, step, r.Scope, 0, options.AnomalyWarmupDays * 1440, WindowEnd.CompleteMinutes).Count);
        Console.WriteLine($"alerts during the first {options.AnomalyWarmupDays} days (warm-up, nothing judged): {warmup}");
        if (!Detection(traffic, options, step) | warmup != 0)
        {
            throw new BenchmarkFailedException("a rule missed its incident or judged during warm-up");
        }
    }

    /// <summary>One week with an incident a day, at different hours: how long after its start the matching z 3 rule fired.</summary>
    private static bool Detection(SimulatedWeeks traffic, AlertOptions options, int step)
    {
        int At(int day, int hour) => (HistoryDays + day) * 1440 + hour * 60;
        Injected[] incidents =
        [
            new("CTR collapse (clicks x0.2, 60 min)", At(1, 10), 60, KpiCounter.Clicks, 0.2),
            new("CTR dip (clicks x0.6, 60 min)", At(2, 19), 60, KpiCounter.Clicks, 0.6),
            new("traffic spike (pageviews x3, 30 min)", At(3, 4), 30, KpiCounter.Pageviews, 3),
            new("impressions halve (30 min)", At(4, 15), 30, KpiCounter.Impressions, 0.5),
        ];
        var (campaign, web) = traffic.Build(HistoryDays + 7, incidents);
        Console.WriteLine();
        Console.WriteLine("## Detection delay (z 3, complete minutes; minutes from the incident's start to the alert, resolved minutes after its end)");
        var allCaught = true;
        foreach (var incident in incidents)
        {
            foreach (var (name, rule, scope) in Rules(campaign, web).Where(r => Matches(r.Rule, incident.Counter)))
            {
                var episodes = Replay(rule with { Value = 3 }, options, step, scope, incident.StartMinute - 60, incident.StartMinute + incident.Minutes + 60, WindowEnd.CompleteMinutes);
                var end = (incident.StartMinute + incident.Minutes) * 60;
                var during = episodes.Where(e => e.FiredAtSecond >= incident.StartMinute * 60 && e.FiredAtSecond < end).ToList();
                var caught = during.FirstOrDefault();
                Console.WriteLine(caught is null
                    ? $"{incident.Name,-40} {name,-44} not detected"
                    : $"{incident.Name,-40} {name,-44} fired after {(caught.FiredAtSecond - incident.StartMinute * 60) / 60.0,5:0.0} min, {during.Count} alert(s) during it, " +
                      $"the last resolved {(during[^1].ResolvedAtSecond is { } r ? $"{(r - end) / 60.0:0.0} min after its end" : "not within an hour")}");
                allCaught &= caught is not null || !MustCatch(rule, incident);
            }
        }

        return allCaught;
    }

    /// <summary>A rule watches an incident when its metric moves with the injected counter in the direction it alerts on.</summary>
    private static bool Matches(AlertRule rule, KpiCounter counter) => counter switch
    {
        KpiCounter.Clicks => rule.Metric == "ctr",
        KpiCounter.Pageviews => rule.Metric == "pageviews" && rule.Comparison == AlertComparisons.Above,
        _ => rule.Metric == "impressions" && rule.Comparison == AlertComparisons.Below,
    };

    /// <summary>The mild CTR dip is reported, not required: at z 3 over 5 minutes it is within the noise of ~70 clicks.</summary>
    private static bool MustCatch(AlertRule rule, Injected incident) => incident.Factor <= 0.2 || incident.Counter != KpiCounter.Clicks;

    private static List<RuleReplay.Episode> Replay(AlertRule rule, AlertOptions options, int step, MinuteSeries scope, int from, int to, WindowEnd end, bool floor = true) =>
        new RuleReplay(rule, options.AnomalyBaselineDays, options.AnomalyWarmupDays, options.ResolveMargin, step, floor).Run(scope, from, to, end);

    private static IEnumerable<(string Name, AlertRule Rule, MinuteSeries Scope)> Rules(MinuteSeries campaign, MinuteSeries web)
    {
        AlertRule Rule(string metric, string comparison, string window, long minVolume, AlertScope scope) => new()
        {
            Id = "bench", Name = "bench", Kind = AlertKinds.Anomaly, Metric = metric, Scope = scope, Comparison = comparison, Value = 3, Window = window, MinVolume = minVolume,
        };

        var onCampaign = new AlertScope { CampaignId = SimulatedWeeks.Campaign.Id };
        var onWeb = new AlertScope { Channel = "web" };
        yield return ("campaign ctr below, PT5M, minVolume 1000", Rule("ctr", AlertComparisons.Below, "PT5M", 1000, onCampaign), campaign);
        yield return ("campaign ctr below, PT15M, minVolume 1000", Rule("ctr", AlertComparisons.Below, "PT15M", 1000, onCampaign), campaign);
        yield return ("campaign impressions below, PT5M", Rule("impressions", AlertComparisons.Below, "PT5M", 0, onCampaign), campaign);
        yield return ("campaign impressions above, PT5M", Rule("impressions", AlertComparisons.Above, "PT5M", 0, onCampaign), campaign);
        yield return ("web pageviews above, PT5M", Rule("pageviews", AlertComparisons.Above, "PT5M", 0, onWeb), web);
    }
}
