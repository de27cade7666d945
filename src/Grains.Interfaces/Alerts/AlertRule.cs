using System.Text.Json.Serialization;
using System.Xml;

namespace AdOrleans.Grains.Alerts;

/// <summary>An alert rule as <c>/v1/alerts/rules</c> takes and returns it (docs/alerts.md).</summary>
[GenerateSerializer, Immutable]
public sealed record AlertRule
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Kind { get; init; }
    [Id(3)] public required string Metric { get; init; }
    [Id(4)] public required AlertScope Scope { get; init; }
    [Id(5)] public required string Comparison { get; init; }
    [Id(6)] public required double Value { get; init; }

    /// <summary>ISO 8601 duration as given (e.g. PT5M): returned as it came.</summary>
    [Id(7)] public required string Window { get; init; }
    [Id(8)] public long MinVolume { get; init; }
    [Id(9)] public IReadOnlyList<AlertNotify> Notify { get; init; } = [];

    [JsonIgnore]
    public TimeSpan WindowSpan => XmlConvert.ToTimeSpan(Window);
}

/// <summary>At most one of the two is set; neither: everything.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertScope
{
    [Id(0), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CampaignId { get; init; }
    [Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Channel { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AlertNotify
{
    [Id(0)] public required string Type { get; init; }
    [Id(1)] public required string Url { get; init; }

    /// <summary>Key of the body's HMAC-SHA256 signature; never returned by the API.</summary>
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Secret { get; init; }
}

public static class AlertKinds
{
    public const string Threshold = "threshold";
    public const string Anomaly = "anomaly";
}

public static class AlertComparisons
{
    public const string Below = "below";
    public const string Above = "above";
}

public static class AlertStates
{
    public const string Firing = "firing";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Firing, Acknowledged, Resolved];
}
