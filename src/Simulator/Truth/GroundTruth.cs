namespace AdOrleans.Simulator.Truth;

/// <summary>Counts and money of a set of events; the same shape as <c>GET /v1/events/totals/{key}</c>.</summary>
public sealed class Tally
{
    public long Events { get; set; }

    public long ValueMicros { get; set; }

    public Dictionary<string, long> ByType { get; set; } = new(StringComparer.Ordinal);

    public void Add(string type, long valueMicros)
    {
        Events++;
        ValueMicros += valueMicros;
        ByType[type] = ByType.GetValueOrDefault(type) + 1;
    }
}

/// <summary>What a campaign's KPIs and bill must show for the accepted events.</summary>
public sealed class CampaignTruth
{
    public string? BidType { get; set; }

    public long Impressions { get; set; }

    public long Clicks { get; set; }

    public long Conversions { get; set; }

    /// <summary>Exact for CPM (Σ priceMicros / 1000 per impression, integer division as API.md states).</summary>
    public long SpendMicros { get; set; }

    /// <summary>For CPC campaigns the spend is at most this (Σ bid per click); the exact rule is the gateway's.</summary>
    public long MaxCpcSpendMicros { get; set; }

    public long RevenueMicros { get; set; }
}

/// <summary>How the run went on the wire.</summary>
public sealed class WireTruth
{
    public long Requests { get; set; }
    public long Status429 { get; set; }
    public long Status503 { get; set; }
    public long TransportErrors { get; set; }
    public long Rejected { get; set; }
    public long Dropped { get; set; }

    /// <summary>Events in requests that timed out: the server may or may not have them, so verify may differ by up to this.</summary>
    public long Uncertain { get; set; }
    public long Auctions { get; set; }
    public long NoBids { get; set; }
    public long AdsSkipped { get; set; }
}

/// <summary>What the service showed before the run, for the same keys and window: verify compares the change, so earlier data does not count.</summary>
public sealed class Baseline
{
    public Dictionary<string, Tally> Totals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Null when the KPI API was not there at the start (then the start is taken as zero).</summary>
    public Dictionary<string, CampaignTruth>? Kpi { get; set; }

    public Dictionary<string, CampaignTruth>? Billing { get; set; }
}

/// <summary>The ground truth file: what the simulator sent and what the service accepted (202), by key, campaign, channel and hour.</summary>
public sealed class GroundTruth
{
    public int Version { get; set; } = 1;
    public string RunId { get; set; } = "";
    public int Seed { get; set; }
    public string Target { get; set; } = "";
    public string Tracking { get; set; } = "beacon";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    public DateTimeOffset SimulatedFrom { get; set; }
    public DateTimeOffset SimulatedTo { get; set; }
    public double TimeScale { get; set; } = 1;
    public Tally Sent { get; set; } = new();
    public Tally Accepted { get; set; } = new();

    /// <summary>Accepted events per log partition key (campaign id, or <c>channel:&lt;channel&gt;</c>).</summary>
    public Dictionary<string, Tally> ByKey { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, Tally> ByChannel { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, CampaignTruth> Campaigns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Hour (UTC, ISO-8601) → key → accepted events whose occurredAt falls in that hour.</summary>
    public SortedDictionary<string, Dictionary<string, Tally>> Windows { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Accepted purchases by <c>new</c> / <c>returning</c> customer (simulator-side only; not in the API contract).</summary>
    public Dictionary<string, Tally> Customers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Accepted conversions and purchases by the channel whose touch caused them (ad clicks, and the generator's
    /// caused purchases): the order the data-driven attribution model should recover (docs/attribution.md).
    /// </summary>
    public Dictionary<string, Tally> ConversionsByCause { get; set; } = new(StringComparer.Ordinal);

    public WireTruth Wire { get; set; } = new();

    /// <summary>The staged incidents that began during the run, with their real start and end.</summary>
    public List<IncidentRecord> Incidents { get; set; } = [];

    public Baseline Baseline { get; set; } = new();
}
