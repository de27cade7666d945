using System.Buffers;

namespace AdOrleans.Grains.Attribution;

/// <summary>
/// Applies one event to a journey (pure: no clock, no I/O). Items stay in time order, so a touchpoint delivered
/// after a later conversion (events of one user travel on several log partitions) still gets its credit: the
/// journey emits the difference between its contributions before and after the event. Journeys whose conversion
/// left the lookback window, or beyond the caps, become final: they leave the state and their rows stay as they are.
/// </summary>
public static class JourneyTimeline
{
    /// <summary>
    /// False when the event was applied before: its eventId is still among the journey's items. (Client retries are
    /// caught earlier by the stream receiver's durable eventId window; this catches what reaches a journey anyway,
    /// such as a replay straight from the log, which still holds the retries the receiver dropped.)
    /// </summary>
    public static bool Apply(JourneyState state, TrackedEvent e, AttributionOptions options)
    {
        var hash = StringComparer.Ordinal.GetHashCode(e.EventId);
        foreach (var known in state.Items)
        {
            if (known.IdHash == hash && string.Equals(known.EventId, e.EventId, StringComparison.Ordinal))
            {
                return false;
            }
        }

        var item = new JourneyItem(e.EventId, e.OccurredAt, JourneyCodes.Channel(e.Channel), JourneyCodes.Campaign(e.CampaignId), EventTypes.Money.Contains(e.Type), e.ValueMicros,
            JourneyCodes.Device(e.Device), JourneyCodes.Geo(e.Geo));
        if (OpenTouch.TryInsert(state, item, options))
        {
            return true;
        }

        // The general path changes items and contributions in several steps: a failure restores the journey as it was.
        // The copy is pooled: a journey with conversions at its caps takes this path on every event.
        var (count, watermarkBefore, contributions) = (state.Items.Count, state.Watermark, state.Contributions);
        var items = ArrayPool<JourneyItem>.Shared.Rent(count);
        state.Items.CopyTo(items);
        try
        {
            Insert(state, item, options);
        }
        catch (Exception)
        {
            (state.Items, state.Watermark, state.Contributions, state.Delta) = ([.. items.AsSpan(0, count)], watermarkBefore, contributions, null);
            throw;
        }
        finally
        {
            ArrayPool<JourneyItem>.Shared.Return(items, clearArray: true);
        }

        return true;
    }

    private static void Insert(JourneyState state, JourneyItem item, AttributionOptions options)
    {
        var before = state.Contributions ?? JourneyContributions.Of(state.Items, options);
        var watermark = state.Watermark is { } seen && seen > item.At ? seen : item.At;
        state.Watermark = watermark;

        // Finalized before the event joins (an open journey idle for the lookback ends first) and again after.
        var horizon = watermark - options.Lookback;
        var finalBefore = Finalize(state.Items, horizon, options);
        // From the end: events mostly arrive in time order, so the new item is usually the last.
        var at = state.Items.Count;
        while (at > 0 && Order(state.Items[at - 1], item) > 0)
        {
            at--;
        }

        state.Items.Insert(at, item);
        var finalAfter = Finalize(state.Items, horizon, options);
        var current = JourneyContributions.Of(state.Items, options);
        state.Contributions = current;
        state.Delta = (finalBefore.Count + finalAfter.Count == 0 ? current : WithFinal(current, finalBefore, finalAfter, options)).Minus(before);
    }

    /// <summary>What journeys that just became final contribute, with the current one's (usually none are final).</summary>
    private static JourneyContributions WithFinal(JourneyContributions current, List<JourneyItem> finalBefore, List<JourneyItem> finalAfter, AttributionOptions options)
    {
        var all = new JourneyContributions();
        foreach (var final in (ReadOnlySpan<List<JourneyItem>>)[finalBefore, finalAfter])
        {
            if (final.Count > 0)
            {
                all.Add(JourneyContributions.Of(final, options));
            }
        }

        all.Add(current);
        return all;
    }

    /// <summary>Time order; at equal times touchpoints come before conversions, then eventId: the order never depends on delivery.</summary>
    internal static int Order(JourneyItem a, JourneyItem b)
    {
        var byTime = a.At.CompareTo(b.At);
        return byTime != 0 ? byTime : a.Conversion != b.Conversion ? (a.Conversion ? 1 : -1) : string.CompareOrdinal(a.EventId, b.EventId);
    }

    /// <summary>Removes and returns the prefix of <paramref name="items"/> that can no longer change, and keeps the rest within the caps.</summary>
    private static List<JourneyItem> Finalize(List<JourneyItem> items, DateTimeOffset horizon, AttributionOptions options)
    {
        // Conversions from the cut on: each step cuts past exactly one (the first after the cut).
        var (cut, conversions) = (0, Conversions(items, 0));
        while (true)
        {
            var next = items.FindIndex(cut, i => i.Conversion);
            var touches = items.Count - cut - conversions;
            if (next >= 0 && (items[next].At < horizon || conversions > options.MaxConversions || touches > options.MaxTouchpoints))
            {
                (cut, conversions) = (next + 1, conversions - 1);
                continue;
            }

            if (next < 0 && cut < items.Count && items[^1].At < horizon)
            {
                // The open journey has been idle for the whole lookback: it ends without a conversion.
                cut = items.Count;
            }

            break;
        }

        var final = items.GetRange(0, cut);
        items.RemoveRange(0, cut);
        var excess = items.Count - Conversions(items, 0) - options.MaxTouchpoints;
        if (excess > 0)
        {
            // Only an open journey is left here: its oldest touchpoints are dropped, shortening its path.
            items.RemoveRange(0, excess);
        }

        return final;
    }

    private static int Conversions(List<JourneyItem> items, int from)
    {
        var count = 0;
        for (var i = from; i < items.Count; i++)
        {
            count += items[i].Conversion ? 1 : 0;
        }

        return count;
    }
}
