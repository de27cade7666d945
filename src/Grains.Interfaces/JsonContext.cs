using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Grains;

/// <summary>Source-generated JSON for what crosses the log: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TrackedEvent))]
[JsonSerializable(typeof(EventTotals))]
public sealed partial class GrainJsonContext : JsonSerializerContext;
