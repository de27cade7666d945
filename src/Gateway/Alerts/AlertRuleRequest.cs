using AdOrleans.Grains.Alerts;

namespace AdOrleans.Gateway.Alerts;

/// <summary>The body of <c>POST /v1/alerts/rules</c> and <c>PUT /v1/alerts/rules/{id}</c>: all optional, so a missing field is a named 400.</summary>
public sealed class AlertRuleRequest
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Metric { get; set; }
    public AlertScope? Scope { get; set; }
    public string? Comparison { get; set; }
    public double? Value { get; set; }
    public string? Window { get; set; }
    public long? MinVolume { get; set; }
    public List<AlertNotifyRequest?>? Notify { get; set; }
}

public sealed class AlertNotifyRequest
{
    public string? Type { get; set; }
    public string? Url { get; set; }
    public string? Secret { get; set; }
}
