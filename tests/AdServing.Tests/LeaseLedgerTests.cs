using AdOrleans.Grains;
using AdOrleans.Grains.Ads;
using FsCheck;
using FsCheck.Fluent;

namespace AdOrleans.AdServing.Tests;

public sealed class LeaseLedgerTests
{
    private static readonly Gen<(int Gateway, int Kind, int Amount)> Steps =
        from gateway in Gen.Choose(0, 2)
        from kind in Gen.Choose(0, 2)
        from amount in Gen.Choose(1, 1000)
        select (gateway, kind, amount);

    private static readonly Gen<(long Budget, long MaxCharge, (int Gateway, int Kind, int Amount)[] Steps)> Runs =
        from budget in Gen.Choose(1, 5_000_000).Select(b => (long)b)
        from maxCharge in Gen.Choose(1, 50_000).Select(m => (long)m)
        from steps in Gen.ArrayOf(Steps)
        select (budget, maxCharge, steps);

    /// <summary>More cases than the default 100: the runs are cheap and the interesting states are rare.</summary>
    private static readonly Config Thorough = Config.QuickThrowOnFailure.WithMaxTest(2000);

    [Fact]
    public void GatewaysThatSpendOnlyWhatTheyLeaseNeverCommitMoreThanTheBudget()
    {
        Check.One(Thorough, Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var sim = new LeaseSimulation(run.Budget, run.MaxCharge, gateways: 3);
            foreach (var (gateway, kind, amount) in run.Steps)
            {
                Step(sim, gateway, kind, amount, run.MaxCharge);
                if (sim.CommittedMicros > run.Budget)
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void ThreeGatewaysSpendTheBudgetUntilLessThanOneMaximalChargeRemains()
    {
        Check.One(Thorough, Prop.ForAll(Runs.ToArbitrary(), run =>
        {
            var sim = new LeaseSimulation(run.Budget, run.MaxCharge, gateways: 3);
            foreach (var (gateway, kind, amount) in run.Steps)
            {
                Step(sim, gateway, kind, amount, run.MaxCharge);
            }

            sim.SpendToTheEnd();
            return sim.SpentMicros <= run.Budget && run.Budget - sim.SpentMicros < run.MaxCharge && sim.ReservedMicros < run.MaxCharge;
        }));
    }

    [Fact]
    public void ASliceIsAtMostAnEvenShareOfHalfTheFreeBudgetButNeverLessThanOneMaximalCharge()
    {
        var ledger = LeaseLedger.Start(0);
        var now = DateTimeOffset.UnixEpoch;
        LeaseGrant Ask(string gateway) => ledger.Renew(
            new LeaseRequest { GatewayId = gateway, WantMicros = 1_000_000, Ttl = TimeSpan.FromSeconds(30) }, 100_000, 0, 1_000, now);

        Assert.Equal(50_000, Ask("a").GrantedMicros);
        Assert.Equal(12_500, Ask("b").GrantedMicros);
        Assert.Equal(37_500 / 6, Ask("c").GrantedMicros);
        Assert.Equal(100_000 - 50_000 - 12_500 - (37_500 / 6), 100_000 - ledger.ReservedMicros(0, now));
    }

    [Fact]
    public void AnUnrenewedLeaseIsReleasedAfterItsTtlAndWinsThatNeverBillLapseAfterTheGrace()
    {
        var ledger = LeaseLedger.Start(0);
        var start = DateTimeOffset.UnixEpoch;
        var lease = ledger.Renew(new LeaseRequest { GatewayId = "a", WantMicros = 10_000, Ttl = TimeSpan.FromSeconds(30) }, 1_000_000, 0, 1_000, start);
        Assert.Equal(10_000, lease.GrantedMicros);
        ledger.Renew(new LeaseRequest { GatewayId = "a", UsedMicros = 4_000, WantMicros = 0, Ttl = TimeSpan.FromSeconds(30) }, 1_000_000, 0, 1_000, start);
        Assert.Equal(10_000, ledger.ReservedMicros(0, start));

        var later = start + TimeSpan.FromSeconds(31);
        Assert.Equal(4_000, ledger.ReservedMicros(0, later));
        ledger.Lapse(usedBeforeGrace: 4_000, spentMicros: 1_000);
        Assert.Equal(0, ledger.ReservedMicros(1_000, later));
    }

    private static void Step(LeaseSimulation sim, int gateway, int kind, int amount, long maxCharge)
    {
        switch (kind)
        {
            case 0:
                sim.Renew(gateway, amount * maxCharge / 100);
                break;
            case 1:
                sim.Spend(gateway, Math.Max(1, maxCharge * amount / 1000));
                break;
            default:
                sim.BillOldest();
                break;
        }
    }
}
