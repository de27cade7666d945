using System.Globalization;
using System.Text.Json;
using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Events;
using AdOrleans.Grains;

namespace AdOrleans.Gateway.Integrations;

/// <summary>
/// Cost reports (kind <c>cost</c>) to <c>cost</c> events: the KPI aggregation counts their impressions, clicks and
/// spend for the report's channel (and campaign), so CPC, CPM and ROAS include external spend. They are built here, not
/// through <see cref="EventValidator"/>: <c>/v1/events</c> never accepts the type. The eventId is
/// <c>&lt;source&gt;:cost:&lt;reportId&gt;</c>, so a re-sent report counts once. No user (journeys ignore them), no
/// auction (never billed). The period's start is the event's time.
/// </summary>
public static class CostReportMapping
{
    /// <summary>A report object, or an array of them (fields then named <c>[i].field</c>).</summary>
    /// <exception cref="JsonException">The body is neither.</exception>
    public static List<TrackedEvent> Map(string source, ReadOnlySpan<byte> body, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        var (reports, array) = trimmed.Length > 0 && trimmed[0] == (byte)'['
            ? (JsonSerializer.Deserialize(body, WebhookJsonContext.Default.ListCostReport) ?? [], true)
            : ([JsonSerializer.Deserialize(body, WebhookJsonContext.Default.CostReport) ?? throw new JsonException("Expected a cost report object.")], false);
        if (reports.Count is 0 or > EventEndpoints.MaxBatch)
        {
            errors["body"] = [$"Send 1 to {EventEndpoints.MaxBatch} cost reports."];
            return [];
        }

        var events = new List<TrackedEvent>(reports.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            if (Map(source, reports[i], array ? $"[{i}]." : "", now, errors) is { } cost)
            {
                events.Add(cost);
            }
        }

        return events;
    }

    private static TrackedEvent? Map(string source, CostReport? report, string prefix, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (report is null)
        {
            errors[prefix.TrimEnd('.')] = ["The report is missing."];
            return null;
        }

        var before = errors.Count;
        Ids.Check(report.ReportId, prefix + "reportId", errors, required: true);
        Ids.Check(report.Platform, prefix + "platform", errors, required: true);
        Ids.Check(report.CampaignId, prefix + "campaignId", errors, required: false);
        if (report.Channel is null || !Channels.All.Contains(report.Channel))
        {
            errors[prefix + "channel"] = [$"Must be one of: {string.Join(", ", Channels.All)}."];
        }

        foreach (var (field, value) in new[] { ("impressions", report.Impressions), ("clicks", report.Clicks), ("spendMicros", report.SpendMicros) })
        {
            if (value is < 0 or > EventValidator.MaxValueMicros)
            {
                errors[prefix + field] = [$"Must be between 0 and {EventValidator.MaxValueMicros}."];
            }
        }

        var start = Start(report, prefix, errors);
        if (start is { } at && (at > now + EventValidator.MaxFutureSkew || at < now - EventValidator.MaxAge))
        {
            errors[prefix + (report.Date is null ? "from" : "date")] = [$"The period must start within the last {EventValidator.MaxAge.TotalDays} days."];
        }

        return errors.Count > before ? null : new TrackedEvent
        {
            EventId = $"{source}:cost:{report.ReportId}",
            Type = EventTypes.Cost,
            CampaignId = report.CampaignId,
            Channel = report.Channel!,
            Impressions = report.Impressions,
            Clicks = report.Clicks,
            ChargeMicros = report.SpendMicros,
            OccurredAt = start!.Value,
            ReceivedAt = now,
        };
    }

    /// <summary>Exactly one of <c>date</c> and <c>from</c>; <c>to</c>, when given, not before <c>from</c>.</summary>
    private static DateTimeOffset? Start(CostReport report, string prefix, Dictionary<string, string[]> errors)
    {
        if (report.Date is not null == report.From is not null)
        {
            errors[prefix + "date"] = ["Give either date (yyyy-MM-dd) or from (and to)."];
            return null;
        }

        if (report.Date is { } date)
        {
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }

            errors[prefix + "date"] = ["Must be a date as yyyy-MM-dd."];
            return null;
        }

        if (report.To is { } to && to < report.From!.Value)
        {
            errors[prefix + "to"] = ["Must not be before from."];
            return null;
        }

        return report.From!.Value.ToUniversalTime();
    }
}
