namespace AdOrleans.Grains.Ctr;

/// <summary>
/// The CTR model's features, hashed into a 2^bits weight vector (docs/ctr.md): bias, slot, device, geo, UTC hour,
/// slot × device and the event's segments describe the request ("context"); campaign, creative and creative × slot the
/// candidate. Trainer (silo) and scorer (gateway) both index through here, so a feature lands on the same weight on both
/// sides. The hash is FNV-1a over the UTF-16 chars seeded per field (stable across processes, unlike string.GetHashCode),
/// then a SplitMix64 finaliser whose top bits are the index. Device and geo fold ASCII case, as targeting compares them.
/// </summary>
public static class CtrFeatures
{
    /// <summary>Most segments of one example that become features (more are ignored: a user is rarely in more).</summary>
    public const int MaxSegments = 4;

    /// <summary>Bias, slot, device, geo, hour, slot × device, segments.</summary>
    public const int MaxContext = 6 + MaxSegments;

    /// <summary>Campaign, creative, creative × slot.</summary>
    public const int CandidateCount = 3;

    public const int MaxFeatures = MaxContext + CandidateCount;

    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The per-field seeds: equal strings in different fields (a slot and a campaign both called "x") stay apart.</summary>
    public enum Field : ulong { Bias = 1, Slot, Device, Geo, Hour, Segment, Campaign, Creative }

    public static ulong Hash(Field field, string? value, bool foldCase = false)
    {
        var hash = FnvOffset ^ (ulong)field;
        foreach (var c in value.AsSpan())
        {
            hash = (hash ^ (foldCase && c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c)) * FnvPrime;
        }

        return hash;
    }

    /// <summary>A cross of two features: order matters, which is fine as each cross has one fixed order.</summary>
    public static ulong Cross(ulong a, ulong b) => Mix(a ^ Mix(b));

    public static int Index(ulong hash, int bits) => (int)(Mix(hash) >> (64 - bits));

    /// <summary>Writes the context features' indexes into <paramref name="into"/> (at least <see cref="MaxContext"/> long); returns how many.</summary>
    public static int Context(Span<int> into, int bits, string slotId, string? device, string? geo, int hourUtc, IReadOnlyList<string>? segments)
    {
        var slot = Hash(Field.Slot, slotId);
        var deviceHash = Hash(Field.Device, device, foldCase: true);
        into[0] = Index((ulong)Field.Bias, bits);
        into[1] = Index(slot, bits);
        into[2] = Index(deviceHash, bits);
        into[3] = Index(Hash(Field.Geo, geo, foldCase: true), bits);
        into[4] = Index(Mix((ulong)Field.Hour ^ ((ulong)hourUtc << 8)), bits);
        into[5] = Index(Cross(slot, deviceHash), bits);
        var count = 6;
        for (var i = 0; segments is not null && i < segments.Count && i < MaxSegments; i++)
        {
            into[count++] = Index(Hash(Field.Segment, segments[i]), bits);
        }

        return count;
    }

    /// <summary>Writes the candidate features' indexes (<see cref="CandidateCount"/> of them).</summary>
    public static void Candidate(Span<int> into, int bits, ulong campaignHash, string creativeId, ulong slotHash)
    {
        var creative = Hash(Field.Creative, creativeId);
        into[0] = Index(campaignHash, bits);
        into[1] = Index(creative, bits);
        into[2] = Index(Cross(creative, slotHash), bits);
    }

    /// <summary>SplitMix64's finaliser: FNV's low bits are weak, the index takes the top ones after mixing.</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
