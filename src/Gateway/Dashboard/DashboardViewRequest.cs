namespace AdOrleans.Gateway.Dashboard;

/// <summary>Body of <c>PUT /v1/dashboard/views/{id}</c>: what the view shows and whether other keys may read it.</summary>
public sealed record DashboardViewRequest(string? Name, IReadOnlyList<string>? Tiles, IReadOnlyList<string>? Charts, bool Shared = false)
{
    /// <summary>Field errors, each naming the field (and the offending entry), in the ValidationProblem shape.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["Required: a non-empty name."];
        }
        else if (Name.Length > DashboardMetrics.MaxNameLength)
        {
            errors["name"] = [$"At most {DashboardMetrics.MaxNameLength} characters."];
        }

        CheckList(Tiles, "tiles", DashboardMetrics.Tiles, DashboardMetrics.MaxTiles, errors);
        CheckList(Charts, "charts", DashboardMetrics.Charts, DashboardMetrics.MaxCharts, errors);
        return errors;
    }

    private static void CheckList(IReadOnlyList<string>? list, string field, IReadOnlySet<string> known, int max, Dictionary<string, string[]> errors)
    {
        if (list is null || list.Count == 0)
        {
            errors[field] = ["Required: at least one metric."];
            return;
        }

        if (list.Count > max)
        {
            errors[field] = [$"At most {max} entries ({list.Count} given)."];
            return;
        }

        var unknown = list.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            errors[field] = [$"Unknown metric(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", known.Order(StringComparer.Ordinal))}."];
        }
        else if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            errors[field] = ["Each metric at most once."];
        }
    }
}
