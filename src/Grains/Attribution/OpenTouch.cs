namespace AdOrleans.Grains.Attribution;

/// <summary>
/// The common event, a touchpoint after the journey's last conversion that finalizes nothing, without recomputing the
/// journey's contributions: no credit changes, and only the open path (the touches since the last conversion, counted
/// at the hour of its last touch) moves. A journey of touches only may also be at its touchpoint cap (a user who
/// browses and never converts: every further event drops the oldest touch). Same result as the general path, which
/// <see cref="JourneyTimeline"/> takes whenever any of these conditions does not hold.
/// </summary>
internal static class OpenTouch
{
    public static bool TryInsert(JourneyState state, JourneyItem item, AttributionOptions options)
    {
        var items = state.Items;
        if (item.Conversion)
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

        // Touches beyond the cap after this one: only a journey without conversions drops them here (with one, the
        // general path finalizes up to its first conversion instead).
        var excess = items.Count - conversions + 1 - options.MaxTouchpoints;
        if (conversions > options.MaxConversions || (excess > 0 && conversions > 0))
        {
            return false;
        }

        // Where the general path would insert it (from the end); it must land after the last conversion.
        var at = items.Count;
        while (at > openFrom && JourneyTimeline.Order(items[at - 1], item) > 0)
        {
            at--;
        }

        if (at == openFrom && openFrom > 0 && JourneyTimeline.Order(items[openFrom - 1], item) > 0)
        {
            return false;
        }

        if (excess > 0)
        {
            InsertAtCap(state, item, at, excess, watermark);
            return true;
        }

        var open = items.Count - openFrom;
        var lastBefore = open > 0 ? items[^1] : null;
        // Repeats collapse in a path: next to a touch of its own channel, the item leaves the path as it was.
        var samePath = (at > openFrom && SameChannel(items[at - 1], item)) || (at < items.Count && SameChannel(items[at], item));
        var beforeHour = lastBefore is null ? 0 : JourneyContributions.Hour(lastBefore.At);
        var afterHour = at == items.Count ? JourneyContributions.Hour(item.At) : beforeHour;
        var beforePath = lastBefore is null || samePath ? null : JourneyContributions.PathOf(items, openFrom, open);
        items.Insert(at, item);
        state.Watermark = watermark;
        if (samePath && beforeHour == afterHour)
        {
            state.Delta = null;
            return true;
        }

        var after = (afterHour, JourneyContributions.PathOf(items, openFrom, open + 1));
        MovePath(state, lastBefore is null ? null : (beforeHour, beforePath ?? after.Item2), after);
        return true;
    }

    /// <summary>
    /// A journey of touches only, at its cap: the item goes in, the oldest touches go out (perhaps the item itself),
    /// and the journey's one path row moves to the path and hour of what is left.
    /// </summary>
    private static void InsertAtCap(JourneyState state, JourneyItem item, int at, int excess, DateTimeOffset watermark)
    {
        // At the cap the journey has touches before and after (a cap is at least one touch, the newest stays).
        var items = state.Items;
        var before = (JourneyContributions.Hour(items[^1].At), JourneyContributions.PathOf(items));
        items.Insert(at, item);
        items.RemoveRange(0, excess);
        state.Watermark = watermark;
        var after = (JourneyContributions.Hour(items[^1].At), JourneyContributions.PathOf(items));
        if (before == after)
        {
            state.Delta = null;
            return;
        }

        MovePath(state, before, after);
    }

    /// <summary>The open path's row moves: the journey emits the move, and its cached contributions follow it.</summary>
    private static void MovePath(JourneyState state, (long Hour, string Path)? before, (long Hour, string Path) after)
    {
        state.Delta = new AttributionDelta([], Moves(before, after));
        if (state.Contributions?.MoveOpenPath(before, after) == false)
        {
            state.Contributions = null;
        }
    }

    private static bool SameChannel(JourneyItem a, JourneyItem b) => string.Equals(a.Channel, b.Channel, StringComparison.Ordinal);

    private static List<AttributionPathDelta> Moves((long Hour, string Path)? before, (long Hour, string Path) after) =>
        before is { } old
            ? [new AttributionPathDelta(old.Hour, old.Path, 0, -1), new AttributionPathDelta(after.Hour, after.Path, 0, 1)]
            : [new AttributionPathDelta(after.Hour, after.Path, 0, 1)];
}
