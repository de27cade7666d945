namespace AdOrleans.Grains.Attribution;

/// <summary>A journey path (channels, repeats collapsed) and how many journeys ended with it in a conversion or without one.</summary>
public sealed record JourneyPathCount(IReadOnlyList<string> Channels, long Conversions, long Nulls);

/// <summary>
/// The data-driven model: a first-order Markov chain over channel states plus Start and the absorbing Conversion and
/// Null states, with transition probabilities counted from every path. The removal effect of a channel is
/// 1 − P(conversion | channel removed) / P(conversion), where removing a channel sends every transition into it to
/// Null. Absorption probabilities solve (I − Q) x = r by Gaussian elimination: the system has one row per channel
/// plus Start, so a dependency for it would not pay for itself.
/// </summary>
public static class MarkovRemoval
{
    /// <summary>Removal effect per channel (0 when nothing converts); channels in first-seen order.</summary>
    public static IReadOnlyList<(string Channel, double Effect)> Effects(IReadOnlyList<JourneyPathCount> paths)
    {
        var channels = paths.SelectMany(p => p.Channels).Distinct(StringComparer.Ordinal).ToList();
        var index = channels.Select((c, i) => (c, i + 1)).ToDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal);
        var states = channels.Count + 1;
        var counts = new double[states, states];
        var toConversion = new double[states];
        var totals = new double[states];
        foreach (var path in paths.Where(p => p.Channels.Count > 0))
        {
            var journeys = path.Conversions + path.Nulls;
            var from = 0;
            foreach (var channel in path.Channels)
            {
                var to = index[channel];
                counts[from, to] += journeys;
                totals[from] += journeys;
                from = to;
            }

            toConversion[from] += path.Conversions;
            totals[from] += journeys;
        }

        var baseline = ConversionProbability(counts, toConversion, totals, removed: -1);
        return [.. channels.Select(c => (c, baseline <= 0 ? 0 : 1 - ConversionProbability(counts, toConversion, totals, index[c]) / baseline))];
    }

    /// <summary>P(absorbed in Conversion | Start), with state <paramref name="removed"/> turned into Null.</summary>
    private static double ConversionProbability(double[,] counts, double[] toConversion, double[] totals, int removed)
    {
        var n = totals.Length;
        var a = new double[n, n + 1];
        for (var s = 0; s < n; s++)
        {
            a[s, s] = 1;
            if (s == removed || totals[s] == 0)
            {
                continue;
            }

            for (var t = 0; t < n; t++)
            {
                a[s, t] -= counts[s, t] / totals[s];
            }

            a[s, n] = toConversion[s] / totals[s];
        }

        return Solve(a)[0];
    }

    /// <summary>Gaussian elimination with partial pivoting on an augmented n × (n + 1) matrix.</summary>
    private static double[] Solve(double[,] a)
    {
        var n = a.GetLength(0);
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            for (var k = 0; k <= n; k++)
            {
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            }

            for (var row = 0; row < n; row++)
            {
                if (row == col || a[row, col] == 0)
                {
                    continue;
                }

                var factor = a[row, col] / a[col, col];
                for (var k = col; k <= n; k++)
                {
                    a[row, k] -= factor * a[col, k];
                }
            }
        }

        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = a[i, n] / a[i, i];
        }

        return x;
    }
}
