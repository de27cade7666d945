using AdOrleans.Grains;

namespace AdOrleans.Gateway.Ads.Budget;

/// <summary>
/// This gateway's lease on one campaign's budget: cumulative granted (by the campaign grain) and used (expected
/// charges of this gateway's wins). Auctions only read and consume it; the <see cref="BudgetLeaseKeeper"/> renews it.
/// A win is charged to it under a short lock, so the gateway never spends more than it was granted.
/// </summary>
public sealed class BudgetLease(long createdAtMs)
{
    private readonly Lock _lock = new();
    private long _granted;
    private long _used;
    private long _expiresAtMs;
    private long _demandAtMs = createdAtMs;
    private long _retryAtMs;
    private int _renewing;
    private int _queued;
    private int _emptyAnswers;
    private double _ratePerSecond;
    private long _rateUsed;
    private long _rateAtMs = createdAtMs;

    public long UsedMicros => Volatile.Read(ref _used);

    public long AvailableMicros => Volatile.Read(ref _granted) - Volatile.Read(ref _used);

    public long ExpiresAtMs => Volatile.Read(ref _expiresAtMs);

    /// <summary>The balance the last renewal asked for (renewal thread only).</summary>
    public long WantMicros { get; set; }

    /// <summary>Whether the lease can pay <paramref name="amountMicros"/> now (the auction's pre-check; <see cref="TryConsume"/> decides).</summary>
    public bool CanPay(long amountMicros, long nowMs) => nowMs < ExpiresAtMs && AvailableMicros >= amountMicros;

    /// <summary>Below one more maximal charge, or below half of what the last renewal asked for: time to renew.</summary>
    public bool IsLow(long maxChargeMicros)
    {
        var available = AvailableMicros;
        return available < maxChargeMicros || available < WantMicros / 2;
    }

    public bool TryConsume(long amountMicros, long nowMs)
    {
        lock (_lock)
        {
            if (!CanPay(amountMicros, nowMs))
            {
                return false;
            }

            _used += amountMicros;
            return true;
        }
    }

    /// <summary>An auction wanted this campaign: keep its lease alive (written at most once a second to spare the cache line).</summary>
    public void NoteDemand(long nowMs)
    {
        if (nowMs - Volatile.Read(ref _demandAtMs) >= 1000)
        {
            Volatile.Write(ref _demandAtMs, nowMs);
        }
    }

    public bool InDemand(long nowMs, TimeSpan window) => nowMs - Volatile.Read(ref _demandAtMs) < window.TotalMilliseconds;

    public bool TryBeginRenewal(long nowMs) => nowMs >= Volatile.Read(ref _retryAtMs) && Interlocked.Exchange(ref _renewing, 1) == 0;

    /// <summary>Stops spending: the unused balance goes back to the grain with the next request. Returns the use to report.</summary>
    public long Freeze()
    {
        lock (_lock)
        {
            _granted = _used;
            return _used;
        }
    }

    /// <summary>
    /// Takes the grain's answer; a top-up answer never lowers the balance (wins continued while it was on its way).
    /// Returns when to ask again if the lease still cannot pay a maximal charge because the grain had nothing to
    /// give: 100 ms, doubling while that lasts, up to 2 s (a campaign held at its paced line asks rarely).
    /// </summary>
    public TimeSpan? Apply(LeaseGrant grant, bool returned, long expiresAtMs, long maxChargeMicros)
    {
        lock (_lock)
        {
            _granted = returned ? grant.GrantedMicros : Math.Max(_granted, grant.GrantedMicros);
            _expiresAtMs = expiresAtMs;
        }

        if (grant.ToppedUpMicros > 0 || AvailableMicros >= maxChargeMicros)
        {
            _emptyAnswers = 0;
            return null;
        }

        _emptyAnswers = Math.Min(_emptyAnswers + 1, 6);
        return TimeSpan.FromMilliseconds(Math.Min(2000, 100 << (_emptyAnswers - 1)));
    }

    /// <summary>No renewal before then (the grain had nothing to give, or could not be reached).</summary>
    public void RetryAt(long atMs) => Volatile.Write(ref _retryAtMs, atMs);

    public void EndRenewal() => Volatile.Write(ref _renewing, 0);

    /// <summary>True for the one auction that queues this lease for renewal; false while it is queued or renewing.</summary>
    public bool TryQueue() => Volatile.Read(ref _queued) == 0 && Interlocked.Exchange(ref _queued, 1) == 0;

    public void Dequeued() => Volatile.Write(ref _queued, 0);

    /// <summary>Spend per second of this gateway's wins, smoothed over renewals (renewal thread only).</summary>
    public double RatePerSecond(long nowMs)
    {
        var elapsed = (nowMs - _rateAtMs) / 1000.0;
        if (elapsed >= 0.05)
        {
            var used = UsedMicros;
            var rate = (used - _rateUsed) / elapsed;
            _ratePerSecond = _ratePerSecond == 0 ? rate : (0.5 * _ratePerSecond) + (0.5 * rate);
            (_rateUsed, _rateAtMs) = (used, nowMs);
        }

        return _ratePerSecond;
    }
}
