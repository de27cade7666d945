namespace AdOrleans.Grains.Attribution;

/// <summary>
/// The attribution models and the weights the rule-based ones give a conversion's touchpoints (pure: no clock,
/// no I/O). Weights are relative; <see cref="Apportion"/> turns them into exact integer shares.
/// </summary>
public static class AttributionModels
{
    public const string LastClick = "last-click";
    public const string FirstClick = "first-click";
    public const string Linear = "linear";
    public const string TimeDecay = "time-decay";
    public const string PositionBased = "position-based";
    public const string Markov = "markov";

    /// <summary>The channel credited when a conversion has no touchpoint in its lookback window.</summary>
    public const string Direct = "direct";

    /// <summary>The models a journey credits per conversion; Markov is computed at query time from all paths.</summary>
    public static readonly IReadOnlyList<string> RuleBased = [LastClick, FirstClick, Linear, TimeDecay, PositionBased];

    public static readonly IReadOnlyList<string> All = [.. RuleBased, Markov];

    /// <summary>
    /// The weight of each touchpoint (oldest first) for one conversion. A single touchpoint gets everything;
    /// position-based gives 40 % to the first and last and spreads 20 % over the middle (50/50 for two).
    /// </summary>
    public static double[] Weights(string model, IReadOnlyList<DateTimeOffset> touches, DateTimeOffset conversionAt, TimeSpan halfLife)
    {
        var n = touches.Count;
        var weights = new double[n];
        if (n == 0)
        {
            return weights;
        }

        switch (model)
        {
            case LastClick:
                weights[n - 1] = 1;
                break;
            case FirstClick:
                weights[0] = 1;
                break;
            case Linear:
                Array.Fill(weights, 1.0);
                break;
            case TimeDecay:
                for (var i = 0; i < n; i++)
                {
                    var age = Math.Max(0, (conversionAt - touches[i]).TotalSeconds);
                    weights[i] = Math.Pow(2, -age / halfLife.TotalSeconds);
                }

                break;
            case PositionBased when n == 1:
                weights[0] = 1;
                break;
            case PositionBased when n == 2:
                weights[0] = weights[1] = 0.5;
                break;
            case PositionBased:
                Array.Fill(weights, 0.2 / (n - 2));
                weights[0] = weights[n - 1] = 0.4;
                break;
            default:
                throw new ArgumentException($"'{model}' is not a rule-based model.", nameof(model));
        }

        return weights;
    }
}
