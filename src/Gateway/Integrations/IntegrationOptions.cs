using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Gateway.Integrations;

/// <summary>Inbound integrations (section <c>Integrations</c>, docs/integrations.md).</summary>
public sealed class IntegrationOptions
{
    public const string SectionName = "Integrations";

    /// <summary>Webhook sources by name (the <c>{source}</c> of the URL): each with its own HMAC secret and payload kind.</summary>
    public Dictionary<string, IntegrationSource> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Largest CSV an import accepts; the body is read whole before the job starts.</summary>
    [Range(1024, 1L << 31)]
    public long MaxImportBytes { get; set; } = 64L * 1024 * 1024;
}

/// <summary>One webhook source.</summary>
public sealed class IntegrationSource
{
    /// <summary>HMAC-SHA256 key: the request carries <c>X-AdOrleans-Signature: sha256=&lt;hex of the body's HMAC&gt;</c>.</summary>
    public string Secret { get; set; } = "";

    /// <summary><c>events</c> (API event objects), <c>form</c> (form submissions), <c>crm</c> (contact and deal changes) or <c>cost</c> (ad-platform cost reports).</summary>
    public string Kind { get; set; } = WebhookKinds.Events;

    /// <summary>The channel the source's conversions are counted under.</summary>
    public string Channel { get; set; } = "web";
}

public static class WebhookKinds
{
    public const string Events = "events";
    public const string Form = "form";
    public const string Crm = "crm";
    public const string Cost = "cost";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Events, Form, Crm, Cost };
}
