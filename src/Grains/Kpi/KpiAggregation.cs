namespace AdOrleans.Grains.Kpi;

/// <summary>
/// The pure rules that turn one event into rollup contributions (no I/O, no clock): the billable rule shared with
/// ad serving (one impression and one click per auction), lateness, new customers and bounces. One instance per
/// aggregator activation; its per-auction memory is in-process only (see <see cref="RecentIds"/>). Repeated
/// eventIds never get here: the stream receiver drops client retries durably. <paramref name="partitions"/>: how many
/// aggregators share <see cref="KpiOptions.DedupeCapacity"/> (1: this one holds all of it).
/// </summary>
public sealed class KpiAggregation(KpiOptions options, int partitions = 1)
{
    /// <summary>An event makes at most two contributions (its own and a bounce), so a few spare arrays are enough.</summary>
    private const int MaxSpareDeltas = 4;

    private readonly RecentIds _billed = new(options.DedupeWindow, options.DedupeCapacityPerPartition(partitions));
    private readonly WebSessions _sessions = new(options);

    /// <summary>Counter arrays handed back by <see cref="Recycle"/>; without them every event allocated one (a tenth of the pipeline's bytes).</summary>
    private readonly Stack<long[]> _spareDeltas = new();

    /// <summary>Where an event's dimensions are gathered before they are copied into an array of their exact size.</summary>
    private readonly List<KpiDimensionKey> _dimensions = new(8);

    /// <summary>Applies one event to <paramref name="state"/> and appends what it adds to the rollups of <paramref name="source"/>.</summary>
    public void Apply(TrackedEvent e, KpiKeyState state, string source, List<KpiContribution> output)
    {
        var dimensions = DimensionsOf(e, state);
        if (state.Watermark is { } watermark && e.OccurredAt < watermark - options.Lateness)
        {
            state.TooLate++;
            var tooLate = NewDelta();
            tooLate[(int)KpiCounter.TooLate] = 1;
            output.Add(new KpiContribution(source, watermark.ToUnixTimeSeconds(), dimensions, tooLate));
            return;
        }

        var delta = NewDelta();
        if (!Count(e, state, delta))
        {
            state.Duplicates++;
            return;
        }

        state.Events++;
        var seconds = e.OccurredAt.ToUnixTimeSeconds();
        if (state.Watermark is { } seen && KpiGranularity.Minute.BucketStart(seconds) < KpiGranularity.Minute.BucketStart(seen.ToUnixTimeSeconds()))
        {
            state.Restated++;
            delta[(int)KpiCounter.Restated] = 1;
        }

        if (state.Watermark is null || e.OccurredAt > state.Watermark)
        {
            state.Watermark = e.OccurredAt;
        }

        output.Add(new KpiContribution(source, seconds, dimensions, delta));
        if (e.Type == "pageview" && _sessions.OnPageview(e, state) is { } bounce)
        {
            output.Add(new KpiContribution(source, bounce.SessionStartedAtSeconds, dimensions, bounce.Delta));
        }
    }

    /// <summary>
    /// Takes back the counter arrays of <paramref name="merged"/>, contributions the caller has added to its rows and no
    /// longer reads, for the next events' deltas.
    /// </summary>
    public void Recycle(List<KpiContribution> merged)
    {
        foreach (var contribution in merged)
        {
            if (_spareDeltas.Count < MaxSpareDeltas)
            {
                _spareDeltas.Push(contribution.Delta);
            }
        }
    }

    private long[] NewDelta()
    {
        if (_spareDeltas.TryPop(out var delta))
        {
            Array.Clear(delta);
            return delta;
        }

        return KpiCounters.New();
    }

    /// <summary>Fills the counters of one event; false when it is a repeat that must not count (a second impression or click of an auction).</summary>
    private bool Count(TrackedEvent e, KpiKeyState state, long[] delta)
    {
        switch (e.Type)
        {
            case EventTypes.Impression or EventTypes.Click:
                if (e.AuctionId is { } auction && !_billed.TryAdd($"{e.Type}:{auction}", e.ReceivedAt))
                {
                    return false;
                }

                delta[(int)(e.Type == EventTypes.Impression ? KpiCounter.Impressions : KpiCounter.Clicks)] = 1;
                delta[(int)KpiCounter.SpendMicros] = e.ChargeMicros;
                return true;
            case EventTypes.Conversion:
                delta[(int)KpiCounter.Conversions] = 1;
                delta[(int)KpiCounter.RevenueMicros] = e.ValueMicros;
                return true;
            case "purchase":
                delta[(int)KpiCounter.Purchases] = 1;
                delta[(int)KpiCounter.RevenueMicros] = e.ValueMicros;
                delta[(int)KpiCounter.PurchaseRevenueMicros] = e.ValueMicros;
                delta[(int)KpiCounter.NewCustomers] = e.UserId is { } buyer && RememberCustomer(state, buyer) ? 1 : 0;
                return true;
            case EventTypes.Cost:
                if (state.CostReports.Contains(e.EventId, StringComparer.Ordinal))
                {
                    return false;
                }

                state.CostReports.Add(e.EventId);
                if (state.CostReports.Count > KpiKeyState.MaxCostReports)
                {
                    state.CostReports.RemoveAt(0);
                }

                delta[(int)KpiCounter.Impressions] = e.Impressions;
                delta[(int)KpiCounter.Clicks] = e.Clicks;
                delta[(int)KpiCounter.SpendMicros] = e.ChargeMicros;
                return true;
            case "session":
                delta[(int)KpiCounter.Sessions] = 1;
                _sessions.OnSession(e, state);
                return true;
            default:
                var counter = CounterOf(e.Type);
                if (counter is { } c)
                {
                    delta[(int)c] = 1;
                }

                if (e.Sentiment is { } score && e.Type is SocialTypes.Post or SocialTypes.Comment)
                {
                    CountSentiment(score, delta);
                }

                return true;
        }
    }

    private static KpiCounter? CounterOf(string type) => type switch
    {
        "pageview" => KpiCounter.Pageviews,
        "post" => KpiCounter.Posts,
        "like" => KpiCounter.Likes,
        "share" => KpiCounter.Shares,
        "comment" => KpiCounter.Comments,
        "email_sent" => KpiCounter.EmailsSent,
        "email_open" => KpiCounter.EmailOpens,
        "email_click" => KpiCounter.EmailClicks,
        _ => null,
    };

    private static void CountSentiment(double score, long[] delta)
    {
        delta[(int)SentimentClasses.CounterOf(score)] = 1;
        delta[(int)KpiCounter.SentimentScoreMilli] = (long)Math.Round(score * 1000, MidpointRounding.AwayFromZero);
    }

    /// <summary>True for a buyer not seen before. The oldest buyers are forgotten beyond the cap (documented bound).</summary>
    private bool RememberCustomer(KpiKeyState state, string buyer)
    {
        if (!state.CustomerSet.Add(buyer))
        {
            return false;
        }

        state.Customers.Add(buyer);
        if (state.Customers.Count > options.MaxCustomers)
        {
            state.CustomerSet.Remove(state.Customers[0]);
            state.Customers.RemoveAt(0);
        }

        return true;
    }

    private KpiDimensionKey[] DimensionsOf(TrackedEvent e, KpiKeyState state)
    {
        var dimensions = _dimensions;
        dimensions.Clear();
        if (e.CampaignId is { } campaign)
        {
            dimensions.Add(new(KpiDimensions.Campaign, campaign));
        }

        dimensions.Add(new(KpiDimensions.Channel, e.Channel));
        if (e.SlotId is { } slot)
        {
            dimensions.Add(new(KpiDimensions.Slot, slot));
        }

        if (e.CreativeId is { } creative)
        {
            dimensions.Add(new(KpiDimensions.Creative, creative));
        }

        foreach (var segment in (e.Segments ?? []).Distinct(StringComparer.Ordinal).Take(options.MaxSegmentsPerEvent))
        {
            dimensions.Add(new(KpiDimensions.Segment, segment));
        }

        CodeDimensions.Add(e, state, options.MaxCodesPerDay, dimensions);

        // A key's events mostly share every dimension: its last array is reused (they are never changed once made).
        if (!System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dimensions).SequenceEqual(state.LastDimensions))
        {
            state.LastDimensions = [.. dimensions];
        }

        return state.LastDimensions;
    }
}
