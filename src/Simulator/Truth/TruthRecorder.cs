using System.Globalization;
using System.Text.Json;
using AdOrleans.Simulator.Generation;
using AdOrleans.Simulator.Running;

namespace AdOrleans.Simulator.Truth;

/// <summary>Accumulates the ground truth as batches are sent and acknowledged. One lock per batch, not per event.</summary>
public sealed class TruthRecorder(GroundTruth truth)
{
    private readonly Lock _lock = new();

    public GroundTruth Truth => truth;

    public void Sent(IReadOnlyList<SimEvent> events)
    {
        lock (_lock)
        {
            foreach (var e in events)
            {
                truth.Sent.Add(e.Type, e.ValueMicros);
            }
        }
    }

    /// <summary>Records events the service answered 2xx for (202 on the events API, 2xx/3xx on a tracking URL).</summary>
    public void Accepted(IReadOnlyList<SimEvent> events)
    {
        lock (_lock)
        {
            foreach (var e in events)
            {
                truth.Accepted.Add(e.Type, e.ValueMicros);
                Get(truth.ByKey, e.PartitionKey).Add(e.Type, e.ValueMicros);
                Get(truth.ByChannel, e.Channel).Add(e.Type, e.ValueMicros);
                var hour = Hour(e.OccurredAt ?? e.BeaconSentAt ?? DateTimeOffset.UtcNow);
                if (!truth.Windows.TryGetValue(hour, out var window))
                {
                    truth.Windows[hour] = window = new(StringComparer.Ordinal);
                }

                Get(window, e.PartitionKey).Add(e.Type, e.ValueMicros);
                if (e.Customer is { } customer)
                {
                    Get(truth.Customers, customer).Add(e.Type, e.ValueMicros);
                }

                if (e.CausedBy is { } cause)
                {
                    Get(truth.ConversionsByCause, cause).Add(e.Type, e.ValueMicros);
                }

                if (e.CampaignId is { } campaignId)
                {
                    AddToCampaign(campaignId, e);
                }
            }
        }
    }

    public void KnowCampaign(string id, string bidType)
    {
        lock (_lock)
        {
            if (!truth.Campaigns.TryGetValue(id, out var campaign))
            {
                truth.Campaigns[id] = campaign = new CampaignTruth();
            }

            campaign.BidType = bidType;
        }
    }

    public void Uncertain(int events)
    {
        lock (_lock)
        {
            truth.Wire.Uncertain += events;
        }
    }

    /// <summary>Copies the wire counters in and writes the file atomically (temp file, then rename).</summary>
    public void Save(string path, RunStats stats)
    {
        string json;
        lock (_lock)
        {
            var wire = truth.Wire;
            (wire.Requests, wire.Status429, wire.Status503, wire.TransportErrors) = (stats.Requests, stats.Status429, stats.Status503, stats.TransportErrors);
            (wire.Rejected, wire.Dropped, wire.Auctions, wire.NoBids, wire.AdsSkipped) = (stats.EventsRejected, stats.EventsDropped, stats.Auctions, stats.NoBids, stats.AdsSkipped);
            json = JsonSerializer.Serialize(truth, SimJsonContext.Indented.GroundTruth);
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, json);
        File.Move(temp, full, overwrite: true);
    }

    public static GroundTruth Load(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), SimJsonContext.Default.GroundTruth)
        ?? throw new InvalidDataException($"{path} holds no ground truth.");

    public static string Hour(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    private void AddToCampaign(string campaignId, SimEvent e)
    {
        if (!truth.Campaigns.TryGetValue(campaignId, out var campaign))
        {
            truth.Campaigns[campaignId] = campaign = new CampaignTruth();
        }

        switch (e.Type)
        {
            case "impression": campaign.Impressions++; break;
            case "click": campaign.Clicks++; break;
            case "conversion": campaign.Conversions++; campaign.RevenueMicros += e.ValueMicros; break;
        }

        campaign.SpendMicros += e.ChargeMicros;
        campaign.MaxCpcSpendMicros += e.MaxChargeMicros;
    }

    private static Tally Get(Dictionary<string, Tally> map, string key)
    {
        if (!map.TryGetValue(key, out var tally))
        {
            map[key] = tally = new Tally();
        }

        return tally;
    }
}
