using Microsoft.Extensions.Options;

namespace AdOrleans.Simulator.Options;

/// <summary>Checks that need more than one field; reports every failure at once.</summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    /// <summary>The gateway refuses events older than 30 days; keep a margin.</summary>
    public static readonly TimeSpan MaxSimulatedSpan = TimeSpan.FromDays(29);

    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(SimulatorOptions options)
    {
        var failures = new List<string>();
        if (options.TimeScale > 1 && options.Duration is null)
        {
            failures.Add("TimeScale above 1 needs a Duration: the simulated span ends now and is Duration × TimeScale long.");
        }

        if (options.Duration is { } duration)
        {
            if (duration <= TimeSpan.Zero)
            {
                failures.Add("Duration must be positive.");
            }
            else if (duration * options.TimeScale > MaxSimulatedSpan)
            {
                failures.Add($"Duration × TimeScale must stay within {MaxSimulatedSpan.TotalDays} days (the API refuses older events).");
            }
        }

        if (options.Target is { } target && !TryParseTarget(target, out _))
        {
            failures.Add($"Target '{target}' is not an absolute http(s) URL.");
        }

        failures.AddRange(options.Incidents.SelectMany((incident, i) => CheckIncident(incident).Select(f => $"Incidents[{i}] ({incident.Kind}): {f}")));
        return failures;
    }

    private static IEnumerable<string> CheckIncident(IncidentSpec incident)
    {
        if (!IncidentKinds.All.Contains(incident.Kind))
        {
            yield return $"Kind must be one of {string.Join(", ", IncidentKinds.All)}.";
        }

        if (incident.Kind == IncidentKinds.StalledPartition && string.IsNullOrWhiteSpace(incident.Target))
        {
            yield return "a stalled partition needs a Target (a campaign id or channel:<channel>).";
        }

        if (incident.StartsAfter < TimeSpan.Zero)
        {
            yield return "StartsAfter must not be negative.";
        }

        if (incident.Length <= TimeSpan.Zero)
        {
            yield return "Length must be positive.";
        }

        if (incident.Kind == IncidentKinds.TrafficSpike && incident.EffectiveFactor is < 1 or > 100)
        {
            yield return "a spike's Factor must be 1…100.";
        }

        if (incident.Kind == IncidentKinds.CtrCollapse && incident.EffectiveFactor is < 0 or >= 1)
        {
            yield return "a CTR collapse's Factor must be at least 0 and below 1.";
        }
    }

    public static bool TryParseTarget(string target, out Uri uri)
    {
        var ok = Uri.TryCreate(target, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https";
        uri = ok ? parsed! : new Uri("http://invalid");
        return ok;
    }
}
