namespace AdOrleans.Grains.Ads;

/// <summary>Budget leases: gateways spend slices of the budget they hold, so auctions never wait for this grain.</summary>
public sealed partial class CampaignGrain
{
    private readonly UsageMarks _usage = new();

    public async Task<LeaseGrant> RenewLeaseAsync(LeaseRequest request)
    {
        if (State.Live is not { } live)
        {
            return new LeaseGrant(request.UsedMicros, 0);
        }

        var now = DateTimeOffset.UtcNow;
        var ledger = State.Leases ??= LeaseLedger.Start(live.SpentMicros);
        _usage.Record(now, ledger.UsedMicros);
        if (_usage.UsedAtOrBefore(now - LeaseLedger.BillingGrace) is { } usedBeforeGrace)
        {
            ledger.Lapse(usedBeforeGrace, live.SpentMicros);
        }

        var room = live.Status == CampaignStatuses.Active ? BudgetRoom(live, now, request.PacingCatchUpFraction) : 0;
        var grant = ledger.Renew(request, room, live.SpentMicros, live.Config.MaxChargeMicros, now);
        await WriteStateAsync();
        return grant;
    }

    private long LeasedMicros(CampaignLive live) => State.Leases?.ReservedMicros(live.SpentMicros, DateTimeOffset.UtcNow) ?? 0;

    /// <summary>What the budget allows to be spent from now on, before leases: total, today's and, for even pacing, the paced line.</summary>
    public static long BudgetRoom(CampaignLive live, DateTimeOffset now, double pacingCatchUpFraction)
    {
        var config = live.Config;
        var room = config.TotalBudgetMicros - live.SpentMicros;
        if (config.DailyBudgetMicros <= 0)
        {
            return room;
        }

        var today = live.SpentOn(DateOnly.FromDateTime(now.UtcDateTime));
        room = Math.Min(room, config.DailyBudgetMicros - today);
        if (config.Pacing == PacingModes.Even)
        {
            var dayFraction = now.UtcDateTime.TimeOfDay.TotalSeconds / 86_400;
            var line = (long)(config.DailyBudgetMicros * Math.Min(1.0, dayFraction + pacingCatchUpFraction));
            room = Math.Min(room, line - today);
        }

        return room;
    }
}
