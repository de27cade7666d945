namespace AdOrleans.Gateway.Automation;

/// <summary>The body of <c>POST /v1/automations</c>: all optional, so a missing field is a named 400.</summary>
public sealed class AutomationRequest
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? SegmentId { get; set; }
    public AutomationTriggerRequest? Trigger { get; set; }
    public AutomationActionRequest? Action { get; set; }
    public double? WindowHours { get; set; }
}

public sealed class AutomationTriggerRequest
{
    public string? Event { get; set; }
    public string? NotDoneEvent { get; set; }
    public double? Days { get; set; }
}

public sealed class AutomationActionRequest
{
    public AutomationWebhookRequest? Webhook { get; set; }
    public AutomationEmitRequest? EmitEvent { get; set; }
}

public sealed class AutomationWebhookRequest
{
    public string? Url { get; set; }
    public string? Secret { get; set; }
}

public sealed class AutomationEmitRequest
{
    public string? Type { get; set; }
    public string? Channel { get; set; }
}
