using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace AdOrleans.Grains.Webhooks;

/// <summary>Retries after the first attempt, the first back-off (doubled each retry, with jitter) and the per-attempt timeout.</summary>
public sealed record WebhookPolicy(int Retries, TimeSpan RetryDelay, TimeSpan Timeout);

/// <summary>One attempt: <see cref="Status"/> is the HTTP status (null when no response came, then <see cref="Error"/> says why).</summary>
public sealed record WebhookAttempt(int Attempt, int? Status, string? Error, DateTimeOffset At);

/// <summary>A body to post; <see cref="OnAttempt"/> hears of every attempt (the owner records it where the API shows it).</summary>
public sealed record SignedWebhook(string Url, string? Secret, byte[] Body, WebhookPolicy Policy, Func<WebhookAttempt, Task> OnAttempt);

/// <summary>
/// Posts webhooks (alerts, automation rules) off the grains' turns (<see cref="DeliveryQueue{TJob}"/>), so a slow receiver never blocks evaluation: signed
/// with <c>X-AdOrleans-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> when a secret is set, retried with
/// exponential back-off and jitter (<see cref="RetryingDelivery"/>) on a non-2xx answer, a timeout or a connection error. Attempts in flight
/// when the process stops are lost; their owners' records show how far they got.
/// </summary>
public sealed partial class SignedWebhookSender(IHttpClientFactory http, TimeProvider clock, ILogger<SignedWebhookSender> logger) : DeliveryQueue<SignedWebhook>
{
    public const string ClientName = "signed-webhooks";
    public const string SignatureHeader = "X-AdOrleans-Signature";

    public void Enqueue(SignedWebhook webhook) => Add(webhook);

    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    protected override async Task DeliverAsync(SignedWebhook webhook, CancellationToken stoppingToken)
    {
        try
        {
            await RetryingDelivery.RunAsync(webhook.Policy, ct => PostAsync(webhook, ct), attempt => ReportAsync(webhook, attempt), clock, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.DeliveryFailed(logger, e, webhook.Url);
        }
    }

    private async Task ReportAsync(SignedWebhook webhook, WebhookAttempt attempt)
    {
        try
        {
            await webhook.OnAttempt(attempt);
        }
        catch (Exception e)
        {
            // The attempt happened either way; only its record is missing.
            Log.NotRecorded(logger, e, webhook.Url, attempt.Attempt);
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(SignedWebhook webhook, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(webhook.Policy.Timeout);
        using var content = new ByteArrayContent(webhook.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = content };
        if (webhook.Secret is { Length: > 0 } secret)
        {
            request.Headers.Add(SignatureHeader, Sign(webhook.Body, secret));
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

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Warning, "Could not deliver a webhook to {Url}")]
        public static partial void DeliveryFailed(ILogger logger, Exception e, string url);

        [LoggerMessage(LogLevel.Warning, "Could not record attempt {Attempt} of a webhook to {Url}")]
        public static partial void NotRecorded(ILogger logger, Exception e, string url, int attempt);
    }
}
