namespace AdOrleans.Grains.Ads;

/// <summary>
/// A campaign's budget leases (stored with the campaign). The invariant it keeps: spend + what gateways hold unused +
/// charges of their wins not billed yet never exceeds what the budget (total, daily, paced) allows, so gateways that
/// only spend what they hold cannot overspend by more than the charges in flight when a lease's TTL passes.
/// Wins that never bill (the ad did not render) stop counting as in flight after <see cref="BillingGrace"/>.
/// </summary>
public sealed class LeaseLedger
{
    /// <summary>After this, a win's charge that has not been billed is taken as never coming (docs/ad-serving.md).</summary>
    public static readonly TimeSpan BillingGrace = TimeSpan.FromSeconds(10);

    /// <summary>Gateways not seen for this long are forgotten (their use is already in <see cref="UsedMicros"/>).</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    public Dictionary<string, GatewayLease> Gateways { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Cumulative expected charges of all gateways' wins, as they reported them.</summary>
    public long UsedMicros { get; set; }

    /// <summary>Reported use that was not billed within <see cref="BillingGrace"/>.</summary>
    public long LapsedMicros { get; set; }

    /// <summary>Spend before the first lease (spend of wins made without one).</summary>
    public long BaselineSpentMicros { get; set; }

    public static LeaseLedger Start(long spentMicros) => new() { BaselineSpentMicros = spentMicros };

    /// <summary>Reported use not billed yet and not lapsed.</summary>
    public long InFlightMicros(long spentMicros) => Math.Max(0, UsedMicros - (spentMicros - BaselineSpentMicros) - LapsedMicros);

    /// <summary>Unused balances of live leases plus charges in flight: what <c>leasedMicros</c> shows.</summary>
    public long ReservedMicros(long spentMicros, DateTimeOffset now) =>
        Gateways.Values.Sum(g => g.HeldMicros(now)) + InFlightMicros(spentMicros);

    /// <summary>Use reported up to <see cref="BillingGrace"/> ago must have billed by now; what did not, never will.</summary>
    public void Lapse(long usedBeforeGrace, long spentMicros) =>
        LapsedMicros = Math.Max(LapsedMicros, usedBeforeGrace - (spentMicros - BaselineSpentMicros));

    /// <summary>
    /// Records the gateway's use, takes back its unused balance when asked, and tops it up towards what it wants out
    /// of <paramref name="roomMicros"/> (what the budget allows now, before leases): at most an even share of half
    /// the free budget per live gateway (at least one maximal charge), so slices shrink as the budget runs out.
    /// </summary>
    public LeaseGrant Renew(LeaseRequest request, long roomMicros, long spentMicros, long maxChargeMicros, DateTimeOffset now)
    {
        if (!Gateways.TryGetValue(request.GatewayId, out var lease))
        {
            // A gateway new to this campaign (or forgotten): its earlier use, if any, is already counted.
            lease = new GatewayLease { GrantedMicros = request.UsedMicros, UsedMicros = request.UsedMicros };
            Gateways[request.GatewayId] = lease;
        }

        lease.SeenAt = now;

        if (request.UsedMicros > lease.UsedMicros)
        {
            UsedMicros += request.UsedMicros - lease.UsedMicros;
            lease.UsedMicros = request.UsedMicros;
        }

        if (request.ReturnUnused || lease.ExpiresAt <= now)
        {
            lease.GrantedMicros = lease.UsedMicros;
        }

        lease.GrantedMicros = Math.Max(lease.GrantedMicros, lease.UsedMicros);
        Forget(now);
        var free = roomMicros - ReservedMicros(spentMicros, now);
        var live = Math.Max(1, Gateways.Values.Count(g => g.ExpiresAt > now || ReferenceEquals(g, lease)));
        var cap = free < maxChargeMicros ? free : Math.Max(maxChargeMicros, free / (2L * live));
        var held = lease.HeldMicros(now, ignoreExpiry: true);
        var topUp = Math.Clamp(request.WantMicros - held, 0, Math.Max(0, cap));
        if (held + topUp < maxChargeMicros)
        {
            // A balance that cannot pay one maximal charge is useless to the gateway and would strand budget that
            // others, pooled with what they return, could spend.
            topUp = 0;
        }

        lease.GrantedMicros += topUp;
        lease.ExpiresAt = now + request.Ttl;
        return new LeaseGrant(lease.GrantedMicros, topUp);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (id, lease) in Gateways)
        {
            if (lease.SeenAt < now - ForgetAfter && lease.ExpiresAt <= now)
            {
                Gateways.Remove(id);
            }
        }
    }
}

/// <summary>One gateway's lease on one campaign: cumulative granted and used, and until when its balance is reserved.</summary>
public sealed class GatewayLease
{
    public long GrantedMicros { get; set; }

    public long UsedMicros { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset SeenAt { get; set; }

    public long HeldMicros(DateTimeOffset now, bool ignoreExpiry = false) =>
        ignoreExpiry || ExpiresAt > now ? Math.Max(0, GrantedMicros - UsedMicros) : 0;
}
