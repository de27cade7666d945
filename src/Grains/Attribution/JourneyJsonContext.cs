using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Attribution;

/// <summary>The stored form of one user's journey (a keyed row of its shard, rewritten by every write that changed it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JourneyState))]
internal sealed partial class JourneyJsonContext : JsonSerializerContext;
