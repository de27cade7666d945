using System.Collections.Concurrent;
using AdOrleans.Gateway.Ads.Index;

namespace AdOrleans.Gateway.Ads.Budget;

/// <summary>
/// Lets an auction that left a lease low hand its campaign to the <see cref="BudgetLeaseKeeper"/> at once instead of
/// waiting for its next scan, so a campaign whose slice ran out (and the runner-ups that take over) are topped up
/// within a grain call. Each lease is queued at most once until its renewal ends.
/// </summary>
public sealed class LeaseRenewalSignal
{
    private readonly ConcurrentQueue<IndexedCampaign> _low = new();
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Low(IndexedCampaign campaign)
    {
        if (!campaign.Lease.TryQueue())
        {
            return;
        }

        _low.Enqueue(campaign);
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another auction woke the keeper in between: one wake-up is enough.
            }
        }
    }

    public bool TryTake(out IndexedCampaign campaign) => _low.TryDequeue(out campaign!);

    /// <summary>Waits until a lease is low or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
