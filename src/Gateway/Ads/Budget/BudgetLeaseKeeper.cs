using AdOrleans.Gateway.Ads.Index;
using AdOrleans.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Ads.Budget;

/// <summary>
/// Keeps this gateway's budget leases topped up ahead of need, off the auction path: at once for a lease an auction
/// left low (<see cref="LeaseRenewalSignal"/>), and every <see cref="AdServingOptions.LeaseRenewInterval"/> it renews the lease of each active campaign auctions wanted in
/// the last 30 s whose balance fell below half of what it wants, below one maximal charge, or whose expiry nears.
/// </summary>
public sealed partial class BudgetLeaseKeeper(
    AuctionIndex index, IGrainFactory grains, GatewayIdentity identity, LeaseRenewalSignal signal, IOptions<AdServingOptions> options,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<BudgetLeaseKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan DemandWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls only work once the silo (or the cluster client) has started.
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken))
        {
            await Task.Delay(Timeout.Infinite, started.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var scanEvery = (long)options.Value.LeaseRenewInterval.TotalMilliseconds;
        var scannedAtMs = 0L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
                RenewLow(nowMs);
                if (nowMs - scannedAtMs >= scanEvery)
                {
                    RenewDue(nowMs);
                    scannedAtMs = nowMs;
                }

                await signal.WaitAsync(options.Value.LeaseRenewInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The leases auctions reported low since the last pass.</summary>
    private void RenewLow(long nowMs)
    {
        while (signal.TryTake(out var campaign))
        {
            if (campaign.Lease.TryBeginRenewal(nowMs))
            {
                _ = RenewAsync(campaign, nowMs);
            }
            else
            {
                campaign.Lease.Dequeued();
            }
        }
    }

    /// <summary>Every lease: new campaigns, leases about to expire, and low ones no auction reported.</summary>
    private void RenewDue(long nowMs)
    {
        foreach (var campaign in index.Campaigns)
        {
            if (NeedsRenewal(campaign, nowMs) && campaign.Lease.TryBeginRenewal(nowMs))
            {
                _ = RenewAsync(campaign, nowMs);
            }
        }
    }

    private bool NeedsRenewal(IndexedCampaign campaign, long nowMs)
    {
        var lease = campaign.Lease;
        if (campaign.Live.Status != CampaignStatuses.Active || !lease.InDemand(nowMs, DemandWindow))
        {
            return false;
        }

        var renewBy = lease.ExpiresAtMs - (long)(options.Value.LeaseTtl.TotalMilliseconds / 4);
        return nowMs >= renewBy || lease.IsLow(campaign.Config.MaxChargeMicros);
    }

    private async Task RenewAsync(IndexedCampaign campaign, long nowMs)
    {
        var lease = campaign.Lease;
        var settings = options.Value;
        try
        {
            var maxCharge = campaign.Config.MaxChargeMicros;
            var returning = !lease.CanPay(maxCharge, nowMs);
            var used = returning ? lease.Freeze() : lease.UsedMicros;
            var want = Math.Max(settings.MinLeaseCharges * maxCharge, (long)(lease.RatePerSecond(nowMs) * settings.LeaseHorizon.TotalSeconds));
            lease.WantMicros = want;
            var grant = await grains.GetGrain<ICampaignGrain>(campaign.Id).RenewLeaseAsync(new LeaseRequest
            {
                GatewayId = identity.Id,
                UsedMicros = used,
                WantMicros = want,
                ReturnUnused = returning,
                Ttl = settings.LeaseTtl,
                PacingCatchUpFraction = settings.PacingCatchUpFraction,
            });
            var expiresAtMs = nowMs + (long)(settings.LeaseTtl.TotalMilliseconds / 2);
            if (lease.Apply(grant, returning, expiresAtMs, maxCharge) is { } askAgainIn)
            {
                _ = AskAgainAsync(campaign, askAgainIn);
            }
        }
        catch (Exception e)
        {
            lease.RetryAt(clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)RetryAfterFailure.TotalMilliseconds);
            Log.RenewFailed(logger, e, campaign.Id);
        }
        finally
        {
            lease.EndRenewal();
            lease.Dequeued();
        }
    }

    /// <summary>A starved lease the grain could not top up is asked for again after a back-off, without waiting for the scan.</summary>
    private async Task AskAgainAsync(IndexedCampaign campaign, TimeSpan delay)
    {
        await Task.Delay(delay, clock, lifetime.ApplicationStopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            signal.Low(campaign);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Renewing the budget lease of campaign {CampaignId} failed; it is retried in a second and the gateway spends only what it holds")]
        public static partial void RenewFailed(ILogger logger, Exception e, string campaignId);
    }
}
