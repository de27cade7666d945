using System.Reflection;

namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// Top-N by any numeric KPI of <see cref="KpiValues"/>, named as in JSON (<c>spendMicros</c>, <c>ctr</c>)
/// or without the <c>Micros</c> suffix (<c>spend</c>, <c>cpa</c>). Items whose KPI is null rank last.
/// </summary>
public sealed class KpiRanking
{
    private static readonly Dictionary<string, Func<KpiValues, double?>> Kpis = Build();

    private readonly Func<KpiValues, double?> _value;

    private KpiRanking(string by, bool descending, Func<KpiValues, double?> value) => (By, Descending, _value) = (by, descending, value);

    public string By { get; }

    public bool Descending { get; }

    public static IEnumerable<string> Names => Kpis.Keys.Order(StringComparer.Ordinal);

    public static KpiRanking? Parse(string? by, string? order, Dictionary<string, string[]> errors)
    {
        Func<KpiValues, double?>? value = null;
        if (by is null || !Kpis.TryGetValue(by, out value))
        {
            errors["by"] = [$"Must be one of: {string.Join(", ", Names)}."];
        }

        if (order is not (null or "asc" or "desc"))
        {
            errors["order"] = ["Must be 'asc' or 'desc'."];
        }

        return value is null || errors.ContainsKey("order") ? null : new KpiRanking(by!, order != "asc", value);
    }

    public List<(string Id, KpiValues Values, double? Value)> Rank(IEnumerable<(string Id, KpiValues Values)> items, int n)
    {
        var scored = items.Select(i => (i.Id, i.Values, Value: _value(i.Values)));
        var known = scored.Where(s => s.Value is not null);
        var ordered = Descending
            ? known.OrderByDescending(s => s.Value).ThenBy(s => s.Id, StringComparer.Ordinal)
            : known.OrderBy(s => s.Value).ThenBy(s => s.Id, StringComparer.Ordinal);
        return [.. ordered.Concat(scored.Where(s => s.Value is null).OrderBy(s => s.Id, StringComparer.Ordinal)).Take(n)];
    }

    private static Dictionary<string, Func<KpiValues, double?>> Build()
    {
        var kpis = new Dictionary<string, Func<KpiValues, double?>>(StringComparer.Ordinal);
        foreach (var property in typeof(KpiValues).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Func<KpiValues, double?>? read = property.PropertyType switch
            {
                var t when t == typeof(long) => v => (long)property.GetValue(v)!,
                var t when t == typeof(long?) => v => (long?)property.GetValue(v),
                var t when t == typeof(double?) => v => (double?)property.GetValue(v),
                _ => null,
            };
            if (read is null)
            {
                continue;
            }

            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            kpis[name] = read;
            if (name.EndsWith("Micros", StringComparison.Ordinal))
            {
                kpis[name[..^"Micros".Length]] = read;
            }
        }

        return kpis;
    }
}
