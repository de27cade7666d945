using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace AdOrleans.Grains.Alerts;

/// <summary>
/// Posts alerts to their rules' webhooks off the grain's turn (a slow receiver must not block evaluation), signed with
/// <c>X-AdOrleans-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>, retried with exponential back-off
/// (Polly). Every attempt is reported to the rule grain, which shows it at <c>GET /v1/alerts/{id}</c>.
/// </summary>
public sealed partial class AlertWebhookSender(
    IHttpClientFactory http, IGrainFactory grains, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertWebhookSender> logger)
    : BackgroundService
{
    public const string ClientName = "alert-webhooks";
    public const string SignatureHeader = "X-AdOrleans-Signature";

    private readonly Channel<(Alert Alert, AlertNotify Target)> _queue = Channel.CreateUnbounded<(Alert, AlertNotify)>();

    public void Enqueue(Alert alert, IEnumerable<AlertNotify> targets)
    {
        foreach (var target in targets)
        {
            _queue.Writer.TryWrite((alert with { Deliveries = null }, target));
        }
    }

    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        await foreach (var (alert, target) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            running.RemoveAll(t => t.IsCompleted);
            running.Add(DeliverAsync(alert, target, stoppingToken));
        }

        await Task.WhenAll(running);
    }

    private async Task DeliverAsync(Alert alert, AlertNotify target, CancellationToken stoppingToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(alert, AlertJsonContext.Default.Alert);
        var attempt = 0;
        try
        {
            await Pipeline().ExecuteAsync(async ct =>
            {
                attempt++;
                var (status, error) = await PostAsync(target, body, ct);
                _ = grains.GetGrain<IAlertRuleGrain>(alert.RuleId).RecordDeliveryAsync(alert.Id, new AlertDelivery(target.Url, attempt, status, error, clock.GetUtcNow(), alert.State));
                return status is >= 200 and < 300;
            }, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.DeliveryFailed(logger, e, alert.Id, target.Url);
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(AlertNotify target, byte[] body, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = content };
        if (target.Secret is { Length: > 0 } secret)
        {
            request.Headers.Add(SignatureHeader, Sign(body, secret));
        }

        try
        {
            using var response = await http.CreateClient(ClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : response.ReasonPhrase);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (null, e is OperationCanceledException ? "timed out" : e.Message);
        }
    }

    private ResiliencePipeline<bool> Pipeline() => new ResiliencePipelineBuilder<bool>()
        .AddRetry(new RetryStrategyOptions<bool>
        {
            ShouldHandle = new PredicateBuilder<bool>().HandleResult(delivered => !delivered),
            MaxRetryAttempts = options.Value.Retries,
            Delay = options.Value.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not deliver alert {AlertId} to {Url}")]
        public static partial void DeliveryFailed(ILogger logger, Exception e, string alertId, string url);
    }
}
