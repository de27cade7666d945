namespace AdOrleans.Grains;

/// <summary>
/// Which variant a user sees: a stable 64-bit hash of (experiment, user) mapped onto the cumulative weights. Pure and
/// allocation-free (it runs in the auction), and the same on every gateway and across restarts, so a user always
/// sees the same variant. FNV-1a over the UTF-16 code units, finished with the SplitMix64 mixer so that user ids
/// differing in one character spread over the whole range.
/// </summary>
public static class ExperimentAssignment
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The per-experiment seed: different experiments split the same users independently.</summary>
    public static ulong Seed(string experimentId) => Fnv(FnvOffset, experimentId);

    /// <summary>The user's bucket in [0, 100).</summary>
    public static int Bucket(ulong seed, ReadOnlySpan<char> userId) => (int)(Mix(Fnv(seed, userId)) % 100);

    /// <summary>
    /// The index of the variant whose cumulative weight range holds <paramref name="bucket"/>; <paramref name="cumulative"/>
    /// holds the running sums of the weights (the last is 100).
    /// </summary>
    public static int Variant(ReadOnlySpan<int> cumulative, int bucket)
    {
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (bucket < cumulative[i])
            {
                return i;
            }
        }

        return cumulative.Length - 1;
    }

    private static ulong Fnv(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
