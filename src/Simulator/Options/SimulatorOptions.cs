using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Simulator.Options;

/// <summary>
/// The traffic simulator's knobs, shared by the hosted service (section <c>Simulator</c>) and the CLI (flags map onto them).
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Mean events per second of real time; 0 switches the hosted simulator off.</summary>
    [Range(0, 1_000_000)]
    public double EventsPerSecond { get; set; }

    /// <summary>Base URL of the gateway. Hosted: defaults to the process's own listen address.</summary>
    public string? Target { get; set; }

    /// <summary>Admin key (set-up, totals, KPIs). Hosted: defaults to the first of <c>Auth:AdminKeys</c>.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Client key (auctions, events). Hosted: defaults to the first of <c>Auth:ClientKeys</c>.</summary>
    public string? ClientKey { get; set; }

    /// <summary>Seed of every random choice; null picks one (and reports it).</summary>
    public int? Seed { get; set; }

    /// <summary>How long to run; null runs until stopped (hosted default).</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Simulated seconds per real second. Above 1 needs a Duration: the simulated span ends now and starts Duration × TimeScale ago.</summary>
    [Range(1, 10_000)]
    public double TimeScale { get; set; } = 1;

    /// <summary>Size of the simulated user population (activity per user is Zipf-distributed).</summary>
    [Range(10, 10_000_000)]
    public int Users { get; set; } = 20_000;

    /// <summary>Zipf exponent of user activity: higher means a few users make more of the traffic.</summary>
    [Range(0.1, 3)]
    public double UserActivityExponent { get; set; } = 1.1;

    /// <summary>Events per <c>POST /v1/events/batch</c> (the gateway takes at most 1000).</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Batches in flight at once.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Auctions (and their beacons) in flight at once.</summary>
    [Range(1, 1024)]
    public int AdConcurrency { get; set; } = 32;

    /// <summary>Share of activities that are ad opportunities (an auction, then impression, maybe click and conversion).</summary>
    [Range(0, 1)]
    public double AdShare { get; set; } = 0.1;

    /// <summary><c>beacon</c>: GET the returned impressionUrl/clickUrl; <c>events</c>: send the signed token in event batches.</summary>
    [RegularExpression("^(beacon|events)$")]
    public string Tracking { get; set; } = "beacon";

    /// <summary>Depth of the daily traffic swing: peak is 1 + A times the mean, trough 1 − A.</summary>
    [Range(0, 0.95)]
    public double DiurnalAmplitude { get; set; } = 0.6;

    /// <summary>UTC hour of peak traffic.</summary>
    [Range(0, 23.999)]
    public double DiurnalPeakHourUtc { get; set; } = 19;

    /// <summary>Incidents to stage during the run, to see alerts fire and resolve (docs/simulator.md, "Incidents").</summary>
    public List<IncidentSpec> Incidents { get; set; } = [];

    /// <summary>Creates campaigns, slots and segments through the admin API when none exist.</summary>
    public bool Setup { get; set; } = true;

    /// <summary>Where the ground-truth JSON goes; null writes none.</summary>
    public string? TruthPath { get; set; }

    /// <summary>Attempts per request on 429, 503 or a transport error before the events are counted as dropped.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Prefix of event ids; null picks a fresh one per run so reruns are not taken for duplicates.</summary>
    public string? RunId { get; set; }
}
