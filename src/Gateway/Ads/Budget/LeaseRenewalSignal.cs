namespace AdOrleans.Gateway.Ads.Budget;

/// <summary>
/// Lets an auction that left a lease low wake the <see cref="BudgetLeaseKeeper"/> at once instead of at its next
/// tick, so a campaign whose slice ran out (and the runner-ups that take over) are topped up within a grain call.
/// </summary>
public sealed class LeaseRenewalSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another auction woke it in between: one wake-up is enough.
            }
        }
    }

    /// <summary>Waits until woken or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
