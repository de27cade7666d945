using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Gateway.Alerts;
using AdOrleans.Grains;
using AdOrleans.Grains.Automation;

namespace AdOrleans.Gateway.Automation;

/// <summary>Turns a request into a rule, or names every bad field (docs/automation.md). Whether the segment exists is the endpoint's check.</summary>
public static class AutomationValidator
{
    public const double DefaultWindowHours = 24;
    public const double MaxWindowHours = 366 * 24;
    public const double MaxDays = 365;

    /// <summary>What a rule may emit: not auction-linked (they need a token) and not money (a rule must not invent revenue).</summary>
    public static readonly IReadOnlySet<string> EmittableTypes = EventTypes.All.Except(EventTypes.AuctionLinked).Except(EventTypes.Money).ToHashSet(StringComparer.Ordinal);

    public static AutomationRule? Validate(string id, AutomationRequest request, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        Ids.Check(id, "id", errors, required: true);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > AlertRuleValidator.MaxNameLength)
        {
            errors["name"] = [$"Required, at most {AlertRuleValidator.MaxNameLength} characters."];
        }

        Ids.Check(request.SegmentId, "segmentId", errors, required: false);
        var trigger = Trigger(request.Trigger, errors);
        var action = Action(request.Action, errors);
        var window = request.WindowHours ?? DefaultWindowHours;
        if (!double.IsFinite(window) || window <= 0 || window > MaxWindowHours)
        {
            errors["windowHours"] = [$"Must be more than 0 and at most {MaxWindowHours} hours."];
        }

        return errors.Count > 0 ? null : new AutomationRule
        {
            Id = id, Name = request.Name!, SegmentId = request.SegmentId, Trigger = trigger!, Action = action!, WindowHours = window, CreatedAt = now,
        };
    }

    private static AutomationTrigger? Trigger(AutomationTriggerRequest? trigger, Dictionary<string, string[]> errors)
    {
        var types = string.Join(", ", EventTypes.All);
        if (trigger is null || (trigger.Event is null) == (trigger.NotDoneEvent is null))
        {
            errors["trigger"] = ["Required: either { \"event\" } or { \"notDoneEvent\", \"days\" }."];
            return null;
        }

        var before = errors.Count;
        if (trigger.Event is { } e && !EventTypes.All.Contains(e))
        {
            errors["trigger.event"] = [$"Must be one of: {types}."];
        }

        if (trigger.NotDoneEvent is { } notDone && !EventTypes.All.Contains(notDone))
        {
            errors["trigger.notDoneEvent"] = [$"Must be one of: {types}."];
        }

        if (trigger.NotDoneEvent is not null && (trigger.Days is not { } days || !double.IsFinite(days) || days <= 0 || days > MaxDays))
        {
            errors["trigger.days"] = [$"Required with notDoneEvent: more than 0 and at most {MaxDays} (fractions allowed: 0.5 is 12 hours)."];
        }
        else if (trigger.Event is not null && trigger.Days is not null)
        {
            errors["trigger.days"] = ["Only with notDoneEvent."];
        }

        return errors.Count > before ? null : new AutomationTrigger { Event = trigger.Event, NotDoneEvent = trigger.NotDoneEvent, Days = trigger.Days };
    }

    private static AutomationAction? Action(AutomationActionRequest? action, Dictionary<string, string[]> errors)
    {
        if (action is null || (action.Webhook is null) == (action.EmitEvent is null))
        {
            errors["action"] = ["Required: either { \"webhook\": { \"url\", \"secret\" } } or { \"emitEvent\": { \"type\", \"channel\" } }."];
            return null;
        }

        var before = errors.Count;
        if (action.Webhook is { } hook)
        {
            if (!Ids.IsHttpUrl(hook.Url))
            {
                errors["action.webhook.url"] = ["Must be an absolute http or https URL."];
            }

            if (hook.Secret is { Length: > AlertRuleValidator.MaxSecretLength })
            {
                errors["action.webhook.secret"] = [$"At most {AlertRuleValidator.MaxSecretLength} characters."];
            }

            return errors.Count > before ? null : new AutomationAction { Webhook = new AutomationWebhook { Url = hook.Url!, Secret = hook.Secret } };
        }

        var emit = action.EmitEvent!;
        if (emit.Type is null || !EmittableTypes.Contains(emit.Type))
        {
            errors["action.emitEvent.type"] = [$"Must be one of: {string.Join(", ", EmittableTypes)}."];
        }

        if (emit.Channel is null || !Channels.All.Contains(emit.Channel))
        {
            errors["action.emitEvent.channel"] = [$"Must be one of: {string.Join(", ", Channels.All)}."];
        }

        return errors.Count > before ? null : new AutomationAction { EmitEvent = new AutomationEmit { Type = emit.Type!, Channel = emit.Channel! } };
    }
}
