using System.Xml;
using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Grains.Alerts;

namespace AdOrleans.Gateway.Alerts;

/// <summary>Turns a request into a rule, or names every bad field (docs/alerts.md, "Rules").</summary>
public static class AlertRuleValidator
{
    public const int MaxNameLength = 200;
    public const int MaxTargets = 10;
    public const int MaxSecretLength = 256;
    public const string DefaultWindow = "PT5M";
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public static AlertRule? Validate(string? id, AlertRuleRequest request, Dictionary<string, string[]> errors)
    {
        Ids.Check(id, "id", errors, required: true);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            errors["name"] = [$"Required, at most {MaxNameLength} characters."];
        }

        var kind = request.Kind ?? AlertKinds.Threshold;
        if (kind is not (AlertKinds.Threshold or AlertKinds.Anomaly))
        {
            errors["kind"] = [$"Must be one of: {AlertKinds.Threshold}, {AlertKinds.Anomaly}."];
        }

        if (request.Metric is null || !AlertMetrics.IsKnown(request.Metric))
        {
            errors["metric"] = [$"Must be one of: {string.Join(", ", AlertMetrics.Names)}."];
        }

        var scope = request.Scope ?? new AlertScope();
        if (scope is { CampaignId: not null, Channel: not null })
        {
            errors["scope"] = ["Name at most one of campaignId and channel (neither: everything)."];
        }

        Ids.Check(scope.CampaignId, "scope.campaignId", errors, required: false);
        Ids.CheckCode(scope.Channel, "scope.channel", errors);
        if (request.Comparison is not (AlertComparisons.Below or AlertComparisons.Above))
        {
            errors["comparison"] = [$"Must be one of: {AlertComparisons.Below}, {AlertComparisons.Above}."];
        }

        if (request.Value is not { } value || !double.IsFinite(value))
        {
            errors["value"] = ["Required, a finite number."];
        }
        else if (kind == AlertKinds.Anomaly && value <= 0)
        {
            errors["value"] = ["An anomaly rule's value is a robust z-score: more than 0 (e.g. 3)."];
        }

        if (kind == AlertKinds.Anomaly && request.Metric is not null && AlertMetrics.IsHealth(request.Metric))
        {
            errors["metric"] = ["Anomaly rules take a KPI metric, not a pipeline-health gauge."];
        }

        var window = request.Window ?? DefaultWindow;
        if (!TryParseWindow(window, out var span) || span <= TimeSpan.Zero || span > MaxWindow)
        {
            errors["window"] = [$"Must be a positive ISO 8601 duration of at most {XmlConvert.ToString(MaxWindow)}, e.g. PT5M."];
        }

        if (request.MinVolume is < 0)
        {
            errors["minVolume"] = ["Must be 0 or more."];
        }

        var notify = Targets(request.Notify, errors);
        return errors.Count > 0 ? null : new AlertRule
        {
            Id = id!, Name = request.Name!, Kind = kind, Metric = request.Metric!, Scope = scope, Comparison = request.Comparison!,
            Value = request.Value!.Value, Window = window, MinVolume = request.MinVolume ?? 0, Notify = notify,
        };
    }

    private static List<AlertNotify> Targets(List<AlertNotifyRequest?>? targets, Dictionary<string, string[]> errors)
    {
        var valid = new List<AlertNotify>();
        if (targets is { Count: > MaxTargets })
        {
            errors["notify"] = [$"At most {MaxTargets} targets."];
            return valid;
        }

        for (var i = 0; i < (targets?.Count ?? 0); i++)
        {
            var target = targets![i];
            if (target?.Type != "webhook")
            {
                errors[$"notify[{i}].type"] = ["Must be: webhook."];
            }

            if (!Ids.IsHttpUrl(target?.Url))
            {
                errors[$"notify[{i}].url"] = ["Must be an absolute http or https URL."];
            }

            if (target?.Secret is { Length: > MaxSecretLength })
            {
                errors[$"notify[{i}].secret"] = [$"At most {MaxSecretLength} characters."];
            }

            if (target is { Type: not null, Url: not null })
            {
                valid.Add(new AlertNotify { Type = target.Type, Url = target.Url, Secret = target.Secret });
            }
        }

        return valid;
    }

    private static bool TryParseWindow(string window, out TimeSpan span)
    {
        try
        {
            span = XmlConvert.ToTimeSpan(window);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            span = default;
            return false;
        }
    }
}
