using Polly;
using Polly.Retry;

namespace AdOrleans.Grains.Webhooks;

/// <summary>
/// The retry loop every outbound notification shares (signed webhooks, alert email): attempts until one answers 2xx or
/// the retries are spent, with exponential back-off and jitter (Polly); each attempt is reported to its owner.
/// </summary>
public static class RetryingDelivery
{
    public static async Task RunAsync(
        WebhookPolicy policy, Func<CancellationToken, Task<(int? Status, string? Error)>> send, Func<WebhookAttempt, Task> report,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var attempt = 0;
        await Pipeline(policy).ExecuteAsync(async ct =>
        {
            attempt++;
            var (status, error) = await send(ct);
            await report(new WebhookAttempt(attempt, status, error, clock.GetUtcNow()));
            return status is >= 200 and < 300;
        }, cancellationToken);
    }

    private static ResiliencePipeline<bool> Pipeline(WebhookPolicy policy) => new ResiliencePipelineBuilder<bool>()
        .AddRetry(new RetryStrategyOptions<bool>
        {
            ShouldHandle = new PredicateBuilder<bool>().HandleResult(delivered => !delivered),
            MaxRetryAttempts = policy.Retries,
            Delay = policy.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}
