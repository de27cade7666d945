using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Grains;

/// <summary>Source-generated JSON for the ad-serving messages on the log (commands and state).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdCommand))]
[JsonSerializable(typeof(AdStateRecord))]
public sealed partial class AdJsonContext : JsonSerializerContext;
