using System.Text.Json;
using AdOrleans.Grains.Webhooks;
using AdOrleans.Log;
using Microsoft.Extensions.Options;

namespace AdOrleans.Grains.Automation;

/// <summary>
/// Runs a firing's action off the rule grain's turn and reports every attempt to it. A webhook gets the firing as
/// JSON through the shared <see cref="SignedWebhookSender"/> (signed like the alert webhooks, retried with back-off).
/// An emitted event is appended to the events topic with eventId <c>auto:&lt;firing id&gt;</c> and the firing's time,
/// retried while the log is unavailable: every retry is the same record, so the stream receiver counts it once.
/// </summary>
public sealed partial class AutomationActions(
    SignedWebhookSender webhooks, IPartitionedLog log, IGrainFactory grains, IOptions<AutomationOptions> options, TimeProvider clock, ILogger<AutomationActions> logger)
{
    public const string LogTarget = "log";

    public void Start(AutomationRule rule, AutomationFiring firing)
    {
        if (rule.Action.Webhook is { } hook)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(firing with { Attempts = null }, AutomationJsonContext.Default.AutomationFiring);
            webhooks.Enqueue(new SignedWebhook(hook.Url, hook.Secret, body, options.Value.ToPolicy(),
                attempt => Record(firing, new AutomationAttempt(hook.Url, attempt.Attempt, attempt.Status, attempt.Error, attempt.At))));
        }
        else if (rule.Action.EmitEvent is { } emit)
        {
            _ = Task.Run(() => EmitAsync(firing, emit));
        }
    }

    public static TrackedEvent Emitted(AutomationFiring firing, AutomationEmit emit) => new()
    {
        EventId = "auto:" + firing.Id,
        Type = emit.Type,
        Channel = emit.Channel,
        UserId = firing.UserId,
        OccurredAt = firing.FiredAt,
        ReceivedAt = firing.FiredAt,
    };

    private async Task EmitAsync(AutomationFiring firing, AutomationEmit emit)
    {
        var e = Emitted(firing, emit);
        var message = new LogMessage(e.PartitionKey, JsonSerializer.SerializeToUtf8Bytes(e, GrainJsonContext.Default.TrackedEvent));
        try
        {
            await RetryingDelivery.RunAsync(options.Value.ToPolicy(), async ct =>
            {
                try
                {
                    await log.AppendAsync(Topics.Events, [message], ct);
                    return (202, null);
                }
                catch (LogUnavailableException failure)
                {
                    return (null, failure.Message);
                }
            }, attempt => Record(firing, new AutomationAttempt(LogTarget, attempt.Attempt, attempt.Status, attempt.Error, attempt.At)), clock, CancellationToken.None);
        }
        catch (Exception failure)
        {
            Log.EmitFailed(logger, failure, firing.RuleId);
        }
    }

    private Task Record(AutomationFiring firing, AutomationAttempt attempt) =>
        grains.GetGrain<IAutomationRuleGrain>(firing.RuleId).RecordAttemptAsync(firing.Id, attempt);

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not emit the event of a firing of automation rule {RuleId}")]
        public static partial void EmitFailed(ILogger logger, Exception e, string ruleId);
    }
}
