using System.Text.Json;
using AdOrleans.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Alerts;

/// <summary>
/// Sends alerts to their rules' webhooks (through the shared <see cref="SignedWebhookSender"/>) and, when SMTP is
/// configured, by email, off the grain's turn (a slow receiver must not block evaluation), both retried by one policy
/// (<see cref="RetryingDelivery"/>). Every attempt is reported to the rule grain, which shows it at <c>GET /v1/alerts/{id}</c>.
/// </summary>
public sealed partial class AlertNotifier(
    SignedWebhookSender webhooks, AlertEmailSender email, IGrainFactory grains, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertNotifier> logger)
    : DeliveryQueue<AlertNotifier.EmailJob>
{
    /// <summary>An alert to mail (the queue's job: webhooks go to the shared <see cref="SignedWebhookSender"/>).</summary>
    public sealed record EmailJob(Alert Alert, string RuleName);

    private WebhookPolicy Policy => options.Value.ToPolicy();

    public void Enqueue(Alert alert, AlertRule rule)
    {
        var sent = alert with { Deliveries = null };
        var body = JsonSerializer.SerializeToUtf8Bytes(sent, AlertJsonContext.Default.Alert);
        foreach (var target in rule.Notify)
        {
            webhooks.Enqueue(new SignedWebhook(target.Url, target.Secret, body, Policy,
                attempt => RecordAsync(sent, target.Url, AlertChannels.Webhook, attempt)));
        }

        if (email.Enabled)
        {
            Add(new EmailJob(sent, rule.Name));
        }
    }

    protected override async Task DeliverAsync(EmailJob job, CancellationToken stoppingToken)
    {
        try
        {
            await RetryingDelivery.RunAsync(Policy, ct => email.SendAsync(job.Alert, job.RuleName, ct),
                attempt => RecordAsync(job.Alert, email.Destination, AlertChannels.Email, attempt), clock, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.DeliveryFailed(logger, e, job.Alert.Id, AlertChannels.Email, email.Destination);
        }
    }

    private Task RecordAsync(Alert alert, string destination, string channel, WebhookAttempt attempt) =>
        grains.GetGrain<IAlertRuleGrain>(alert.RuleId).RecordDeliveryAsync(
            alert.Id, new AlertDelivery(destination, attempt.Attempt, attempt.Status, attempt.Error, attempt.At, alert.State, channel));

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not deliver alert {AlertId} by {Channel} to {Destination}")]
        public static partial void DeliveryFailed(ILogger logger, Exception e, string alertId, string channel, string destination);
    }
}
