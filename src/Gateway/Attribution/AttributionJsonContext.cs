using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Gateway.Attribution;

/// <summary>Source-generated metadata for the attribution answers, with the HTTP options' web defaults.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AttributionReport))]
[JsonSerializable(typeof(AttributionComparison))]
public sealed partial class AttributionJsonContext : JsonSerializerContext;
