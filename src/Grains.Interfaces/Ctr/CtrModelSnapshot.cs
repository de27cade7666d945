namespace AdOrleans.Grains.Ctr;

/// <summary>
/// The CTR model as the gateways score with it: its non-zero weights (a sparse slice of the 2^<see cref="Bits"/>
/// vector), published on the state topic under <see cref="StateKey"/> after each save. <see cref="Version"/> rises with
/// every publication, so a gateway keeps the newest when state partitions are read out of order.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CtrModelSnapshot
{
    public const string StateKey = "ctr-model";

    [Id(0)]
    public required long Version { get; init; }

    [Id(1)]
    public required int Bits { get; init; }

    /// <summary>Impressions the model has trained on: gateways use it only from <c>AdServing:CtrModelMinImpressions</c> on.</summary>
    [Id(2)]
    public long Impressions { get; init; }

    [Id(3)]
    public long Clicks { get; init; }

    [Id(4)]
    public required int[] Indices { get; init; }

    [Id(5)]
    public required float[] Weights { get; init; }
}
