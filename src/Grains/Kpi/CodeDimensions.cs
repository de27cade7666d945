namespace AdOrleans.Grains.Kpi;

/// <summary>
/// The geo and device dimension ids of an event, bounded: missing is <c>unknown</c>, and each log key admits at
/// most <see cref="KpiOptions.MaxCodesPerDay"/> distinct values per UTC day of event time, later ones being
/// <c>other</c>. The admitted values live in <see cref="KpiKeyState"/>, which is committed with the rollup rows,
/// so a replay after a crash maps every event to the same id.
/// </summary>
public static class CodeDimensions
{
    private const long SecondsPerDay = 86_400;

    public static void Add(TrackedEvent e, KpiKeyState state, int maxPerDay, List<KpiDimensionKey> dimensions)
    {
        // The window only moves forward: a late event of an earlier day is checked against the newest day's values.
        var day = e.OccurredAt.ToUnixTimeSeconds() / SecondsPerDay;
        if (day > state.CodeDay)
        {
            state.CodeDay = day;
            state.Geos.Clear();
            state.Devices.Clear();
        }

        dimensions.Add(new(KpiDimensions.Geo, Admit(e.Geo?.ToUpperInvariant(), state.Geos, maxPerDay)));
        dimensions.Add(new(KpiDimensions.Device, Admit(e.Device?.ToLowerInvariant(), state.Devices, maxPerDay)));
    }

    private static string Admit(string? value, List<string> admitted, int maxPerDay)
    {
        if (value is null or "")
        {
            return KpiDimensions.Unknown;
        }

        // The reserved ids count as themselves and take no place under the cap.
        if (value is KpiDimensions.Unknown or KpiDimensions.Other)
        {
            return value;
        }

        if (admitted.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        if (admitted.Count >= maxPerDay)
        {
            return KpiDimensions.Other;
        }

        admitted.Add(value);
        return value;
    }
}
