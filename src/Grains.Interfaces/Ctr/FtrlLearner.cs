namespace AdOrleans.Grains.Ctr;

/// <summary>Hyper-parameters of <see cref="FtrlLearner"/> (docs/ctr.md, "Knobs").</summary>
public sealed record FtrlSettings(int Bits, double Alpha, double Beta, double L1, double L2);

/// <summary>
/// Online logistic regression trained with FTRL-Proximal (McMahan et al., "Ad click prediction: a view from the
/// trenches", 2013): per-coordinate learning rates suit one-hot features whose frequencies differ by orders of
/// magnitude, and L1 keeps weights of rare features at exactly 0, so the published model stays small.
/// Impressions and clicks arrive as separate events: an impression is a negative example (gradient p), a click adds
/// gradient −1 to its impression's features, so a clicked impression sums to p − 1, the gradient of a positive example.
/// </summary>
public sealed class FtrlLearner
{
    /// <summary>The linear score is clipped here: predictions stay strictly inside (0, 1) and the gradients finite.</summary>
    public const double MaxScore = 30;

    private readonly double[] _z;
    private readonly double[] _n;

    public FtrlLearner(FtrlSettings settings)
    {
        Settings = settings;
        _z = new double[1 << settings.Bits];
        _n = new double[1 << settings.Bits];
    }

    public FtrlSettings Settings { get; }

    public long Impressions { get; private set; }

    public long Clicks { get; private set; }

    public double Predict(ReadOnlySpan<int> features)
    {
        var score = 0.0;
        foreach (var i in features)
        {
            score += Weight(i);
        }

        return Sigmoid(score);
    }

    /// <summary>An impression: a negative example. Returns the prediction it was trained at.</summary>
    public double Impression(ReadOnlySpan<int> features)
    {
        var p = Predict(features);
        Update(features, p);
        Impressions++;
        return p;
    }

    /// <summary>A click on an impression with these features: turns its negative example into a positive one.</summary>
    public void Click(ReadOnlySpan<int> features)
    {
        Update(features, -1);
        Clicks++;
    }

    public double Weight(int i)
    {
        var z = _z[i];
        if (Math.Abs(z) <= Settings.L1)
        {
            return 0;
        }

        return -(z - Math.Sign(z) * Settings.L1) / ((Settings.Beta + Math.Sqrt(_n[i])) / Settings.Alpha + Settings.L2);
    }

    public static double Sigmoid(double score) => 1 / (1 + Math.Exp(-Math.Clamp(score, -MaxScore, MaxScore)));

    /// <summary>Every coordinate that was ever updated, for the grain's stored state.</summary>
    public FtrlCoordinates Export()
    {
        var touched = Enumerable.Range(0, _n.Length).Where(i => _n[i] > 0).ToArray();
        return new FtrlCoordinates(Settings.Bits, Impressions, Clicks, touched, [.. touched.Select(i => _z[i])], [.. touched.Select(i => _n[i])]);
    }

    /// <summary>Loads stored coordinates; false (and nothing loaded) when they were trained with another number of bits.</summary>
    public bool Import(FtrlCoordinates stored)
    {
        if (stored.Bits != Settings.Bits)
        {
            return false;
        }

        for (var k = 0; k < stored.Indices.Length; k++)
        {
            (_z[stored.Indices[k]], _n[stored.Indices[k]]) = (stored.Z[k], stored.N[k]);
        }

        (Impressions, Clicks) = (stored.Impressions, stored.Clicks);
        return true;
    }

    /// <summary>The non-zero weights, as the gateways score with them.</summary>
    public (int[] Indices, float[] Weights) NonZeroWeights()
    {
        var indices = Enumerable.Range(0, _z.Length).Where(i => Math.Abs(_z[i]) > Settings.L1).ToArray();
        return (indices, [.. indices.Select(i => (float)Weight(i))]);
    }

    private void Update(ReadOnlySpan<int> features, double gradient)
    {
        var g2 = gradient * gradient;
        foreach (var i in features)
        {
            var sigma = (Math.Sqrt(_n[i] + g2) - Math.Sqrt(_n[i])) / Settings.Alpha;
            _z[i] += gradient - sigma * Weight(i);
            _n[i] += g2;
        }
    }
}

/// <summary>The learner's stored form: only coordinates that were ever updated.</summary>
public sealed record FtrlCoordinates(int Bits, long Impressions, long Clicks, int[] Indices, double[] Z, double[] N);
