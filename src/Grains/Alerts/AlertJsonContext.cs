using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Alerts;

/// <summary>The webhook body: the alert as the API shows it (web casing, nulls left out).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Alert))]
public sealed partial class AlertJsonContext : JsonSerializerContext;
