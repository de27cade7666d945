namespace AdOrleans.Gateway.Kpi;

/// <summary>
/// Names and attributes of what a KPI series is about, joined from the owning grain's state
/// (campaign, slot, segment). <see cref="Name"/> is null when that state does not exist (yet).
/// </summary>
public sealed record DimensionInfo(string Dimension, string Id, string? Name, IReadOnlyDictionary<string, string>? Attributes);
