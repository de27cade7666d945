using System.ComponentModel.DataAnnotations;

namespace AdOrleans.Grains.Ctr;

/// <summary>Training and publication of the CTR model (docs/ctr.md explains each knob).</summary>
public sealed class CtrOptions
{
    public const string SectionName = "Ctr";

    /// <summary>Whether the partition aggregators feed impressions and clicks to the model. Off: no model is trained or published.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// log2 of the hashed weight vector's size. 18 (262,144 weights, 1 MB of floats on each gateway) keeps collisions
    /// rare for tens of thousands of distinct features; changing it starts a fresh model.
    /// </summary>
    [Range(10, 24)]
    public int Bits { get; set; } = 18;

    /// <summary>FTRL's learning-rate scale α: per-coordinate rate α / (β + √Σg²).</summary>
    [Range(0.0001, 10.0)]
    public double Alpha { get; set; } = 0.05;

    /// <summary>FTRL's β: damps the first steps of a new feature.</summary>
    [Range(0.0, 100.0)]
    public double Beta { get; set; } = 1;

    /// <summary>L1 regularisation: features with too little evidence keep weight 0 (and are not published).</summary>
    [Range(0.0, 100.0)]
    public double L1 { get; set; } = 0.5;

    /// <summary>L2 regularisation: shrinks every weight towards 0.</summary>
    [Range(0.0, 100.0)]
    public double L2 { get; set; } = 1;

    /// <summary>
    /// How often the model is saved and, when it trained since, published to the gateways. A crash loses at most this
    /// much training; each publication is one state-topic record (the embedded log replays them all at start-up).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PublishInterval { get; set; } = TimeSpan.FromSeconds(30);

    public FtrlSettings Ftrl => new(Bits, Alpha, Beta, L1, L2);
}
