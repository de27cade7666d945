using System.Globalization;
using System.Text;
using MimeKit;

namespace AdOrleans.Grains.Alerts;

/// <summary>The email for an alert: rule, state, metric, value and threshold in the subject, the details in a plain-text body.</summary>
public static class AlertEmail
{
    public const string AlertIdHeader = "X-AdOrleans-Alert";

    public static MimeMessage Compose(Alert alert, string ruleName, AlertSmtpOptions smtp)
    {
        var message = new MimeMessage { Subject = $"[AdOrleans] {alert.State}: {ruleName}: {alert.Metric} = {Number(alert.Value)} (threshold {Number(alert.Threshold)})" };
        message.From.Add(MailboxAddress.Parse(smtp.From ?? throw new InvalidOperationException("Alerts:Smtp:From is not set")));
        message.To.AddRange(smtp.Recipients.Select(MailboxAddress.Parse));
        // A receiver that gets an attempt twice (at least once, like the webhooks) can tell by this and the state.
        message.Headers.Add(AlertIdHeader, alert.Id);
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Rule:      {ruleName} ({alert.RuleId})")
            .AppendLine(CultureInfo.InvariantCulture, $"Alert:     {alert.Id}, {alert.State}")
            .AppendLine(CultureInfo.InvariantCulture, $"Metric:    {alert.Metric} on {Scope(alert.Scope)}")
            .AppendLine(CultureInfo.InvariantCulture, $"Value:     {Number(alert.Value)} (threshold {Number(alert.Threshold)}; a robust z-score for an anomaly rule)")
            .AppendLine(CultureInfo.InvariantCulture, $"Started:   {alert.StartedAt:u}");
        if (alert.ResolvedAt is { } resolved)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Resolved:  {resolved:u}");
        }

        body.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Details and delivery attempts: GET /v1/alerts/{alert.Id}");
        message.Body = new TextPart("plain") { Text = body.ToString() };
        return message;
    }

    private static string Scope(AlertScope scope) => scope switch
    {
        { CampaignId: { } campaign } => $"campaign {campaign}",
        { Channel: { } channel } => $"channel {channel}",
        _ => "everything",
    };

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
