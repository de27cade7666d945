namespace AdOrleans.Grains.Attribution;

/// <summary>
/// Splits an integer total over weights by the largest-remainder method, so the parts are integers that sum to the
/// total exactly. Credits are stored as integers (nano-conversions, revenue micros) for that reason: sums of stored
/// rows stay exact however many conversions they add up.
/// </summary>
public static class Apportion
{
    /// <summary>Nano-conversions per conversion: credits are stored in these units.</summary>
    public const long Unit = 1_000_000_000;

    public static long[] Split(long total, IReadOnlyList<double> weights)
    {
        var parts = new long[weights.Count];
        var sum = weights.Sum();
        if (weights.Count == 0 || sum <= 0 || total == 0)
        {
            return parts;
        }

        var magnitude = Math.Abs(total);
        var remainders = new (double Remainder, int Index)[parts.Length];
        long given = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var exact = (double)magnitude * (weights[i] / sum);
            parts[i] = (long)Math.Floor(exact);
            given += parts[i];
            remainders[i] = (exact - parts[i], i);
        }

        // Ties go to the earlier index, so equal inputs always give equal outputs.
        var order = remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).ToArray();
        for (var k = 0; given < magnitude; k = (k + 1) % order.Length)
        {
            parts[order[k].Index]++;
            given++;
        }

        if (total < 0)
        {
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = -parts[i];
            }
        }

        return parts;
    }
}
