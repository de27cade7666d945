namespace AdOrleans.Grains.Ctr;

/// <summary>The stored CTR model: the learner's touched coordinates and the highest offset applied per events partition.</summary>
public sealed class CtrModelState
{
    public long Version { get; set; }

    public FtrlCoordinates? Coordinates { get; set; }

    public Dictionary<int, long> Applied { get; set; } = [];
}
