namespace AdOrleans.Grains.Attribution;

/// <summary>
/// The common event, a touchpoint arriving in time order that finalizes and trims nothing, without recomputing the
/// journey's contributions: it follows every conversion, so no credit changes, and only the open path (the touches
/// since the last conversion, counted at the hour of its last touch) moves. Same result as the general path, which
/// <see cref="JourneyTimeline"/> takes whenever any of these conditions does not hold.
/// </summary>
internal static class OpenTouch
{
    public static bool TryAppend(JourneyState state, JourneyItem item, AttributionOptions options)
    {
        var items = state.Items;
        if (item.Conversion || (items.Count > 0 && JourneyTimeline.Order(items[^1], item) > 0))
        {
            return false;
        }

        var watermark = state.Watermark is { } seen && seen > item.At ? seen : item.At;
        if (items.Count > 0 && items[0].At < watermark - options.Lookback)
        {
            return false;
        }

        var (conversions, openFrom) = (0, 0);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Conversion)
            {
                (conversions, openFrom) = (conversions + 1, i + 1);
            }
        }

        if (conversions > options.MaxConversions || items.Count - conversions + 1 > options.MaxTouchpoints)
        {
            return false;
        }

        var lastOpen = openFrom < items.Count ? items[^1] : null;
        items.Add(item);
        state.Watermark = watermark;
        var hour = JourneyContributions.Hour(item.At);
        var sameChannel = lastOpen is not null && string.Equals(lastOpen.Channel, item.Channel, StringComparison.Ordinal);
        if (sameChannel && JourneyContributions.Hour(lastOpen!.At) == hour)
        {
            // Repeats collapse in a path: same channel, same hour, same row.
            state.Delta = null;
            return true;
        }

        var after = (hour, JourneyContributions.PathOf(items, openFrom, items.Count - openFrom));
        (long Hour, string Path)? before = lastOpen is null ? null
            : (JourneyContributions.Hour(lastOpen.At), sameChannel ? after.Item2 : JourneyContributions.PathOf(items, openFrom, items.Count - openFrom - 1));
        state.Delta = new AttributionDelta([], Moves(before, after));
        if (state.Contributions?.MoveOpenPath(before, after) == false)
        {
            state.Contributions = null;
        }

        return true;
    }

    private static List<AttributionPathDelta> Moves((long Hour, string Path)? before, (long Hour, string Path) after) =>
        before is { } old
            ? [new AttributionPathDelta(old.Hour, old.Path, 0, -1), new AttributionPathDelta(after.Hour, after.Path, 0, 1)]
            : [new AttributionPathDelta(after.Hour, after.Path, 0, 1)];
}
