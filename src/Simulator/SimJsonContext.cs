using System.Text.Json;
using System.Text.Json.Serialization;
using AdOrleans.Simulator.Generation;
using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Truth;

namespace AdOrleans.Simulator;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimEventBatch))]
[JsonSerializable(typeof(SimEvent))]
[JsonSerializable(typeof(GroundTruth))]
[JsonSerializable(typeof(Tally))]
[JsonSerializable(typeof(AuctionRequest))]
[JsonSerializable(typeof(AuctionResponse))]
[JsonSerializable(typeof(CampaignRequest))]
[JsonSerializable(typeof(SlotRequest))]
[JsonSerializable(typeof(SegmentRequest))]
[JsonSerializable(typeof(PartitionStallRequest))]
internal sealed partial class SimJsonContext : JsonSerializerContext
{
    private static SimJsonContext? _indented;

    /// <summary>For the ground truth file, which people read.</summary>
    public static SimJsonContext Indented => _indented ??= new(new JsonSerializerOptions(Default!.Options) { WriteIndented = true });
}
