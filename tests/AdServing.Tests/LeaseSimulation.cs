using AdOrleans.Grains;
using AdOrleans.Grains.Ads;

namespace AdOrleans.AdServing.Tests;

/// <summary>
/// The campaign grain's lease ledger with gateways that behave as the real ones do: spend only what they hold (one
/// maximal charge must fit), return their balance when starved, and have their wins billed some time later.
/// </summary>
internal sealed class LeaseSimulation(long budgetMicros, long maxChargeMicros, int gateways)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    private readonly LeaseLedger _ledger = LeaseLedger.Start(0);
    private readonly (long Granted, long Used)[] _gateways = new (long, long)[gateways];
    private readonly Queue<long> _unbilled = new();
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    public long SpentMicros { get; private set; }

    /// <summary>Everything the gateways spent, billed or not: what the campaign will eventually be charged.</summary>
    public long CommittedMicros => SpentMicros + _unbilled.Sum();

    public long ReservedMicros => _ledger.ReservedMicros(SpentMicros, _now);

    public void Renew(int gateway, long wantMicros)
    {
        var (granted, used) = _gateways[gateway];
        var returning = granted - used < maxChargeMicros;
        var grant = _ledger.Renew(
            new LeaseRequest { GatewayId = $"g{gateway}", UsedMicros = used, WantMicros = wantMicros, ReturnUnused = returning, Ttl = Ttl },
            budgetMicros - SpentMicros, SpentMicros, maxChargeMicros, _now);
        _gateways[gateway].Granted = returning ? grant.GrantedMicros : Math.Max(granted, grant.GrantedMicros);
        _now += TimeSpan.FromMilliseconds(1);
    }

    /// <summary>A win costing <paramref name="chargeMicros"/> (≤ one maximal charge) when the gateway can pay a maximal charge.</summary>
    public bool Spend(int gateway, long chargeMicros)
    {
        var (granted, used) = _gateways[gateway];
        if (granted - used < maxChargeMicros)
        {
            return false;
        }

        _gateways[gateway].Used = used + chargeMicros;
        _unbilled.Enqueue(chargeMicros);
        return true;
    }

    public void BillOldest()
    {
        if (_unbilled.TryDequeue(out var charge))
        {
            SpentMicros += charge;
        }
    }

    /// <summary>Bills everything, then lets every gateway renew and spend maximal charges until none can.</summary>
    public void SpendToTheEnd()
    {
        while (_unbilled.Count > 0)
        {
            BillOldest();
        }

        for (var progress = true; progress;)
        {
            progress = false;
            for (var g = 0; g < _gateways.Length; g++)
            {
                Renew(g, 4 * maxChargeMicros);
                while (Spend(g, maxChargeMicros))
                {
                    BillOldest();
                    progress = true;
                }
            }
        }
    }
}
