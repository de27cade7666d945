using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdOrleans.Grains.Events;

/// <summary>
/// The stored form of a log key's aggregate (one row per key, rewritten by every delivery that touched it): generated
/// at build time, with the same web defaults the rows were first written with, since with many keys per delivery the
/// reflection-based serializer was a visible share of the aggregator's turn.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(KeyAggregate))]
internal sealed partial class KeyAggregateJsonContext : JsonSerializerContext;
