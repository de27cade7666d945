using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using AdOrleans.Simulator.Running;

namespace AdOrleans.Simulator.Http;

public enum ApiKey
{
    None,
    Client,
    Admin,
}

/// <summary>What came back: the final status and body, whether anything answered at all, and whether an attempt timed out (the server may have taken it).</summary>
public sealed record ApiResponse(HttpStatusCode Status, byte[] Body, bool Answered, bool Uncertain, string? Location = null)
{
    public bool IsSuccess => Answered && (int)Status is >= 200 and < 400;
}

/// <summary>
/// The simulator's only door to the service: one HttpClient over a pooled handler, the right API key per call,
/// and retries with backoff on 429 / 503 (honouring Retry-After) and on transport errors. Tests hand it an
/// in-memory handler; everything else uses <see cref="CreateHandler"/>.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly string? _adminKey;
    private readonly string? _clientKey;
    private readonly int _maxAttempts;

    public ApiClient(HttpMessageHandler handler, Uri target, string? adminKey, string? clientKey, RunStats stats, int maxAttempts = 8, TimeSpan? timeout = null)
    {
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = target, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        _adminKey = adminKey;
        _clientKey = clientKey;
        _maxAttempts = maxAttempts;
        Stats = stats;
        Target = target;
    }

    public Uri Target { get; }

    public RunStats Stats { get; }

    public static HttpMessageHandler CreateHandler(int maxConnections) => new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    public Task<ApiResponse> GetAsync(string pathAndQuery, ApiKey key, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, pathAndQuery, key, null, cancellationToken);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, ApiKey key, byte[]? jsonBody, CancellationToken cancellationToken, int? maxAttempts = null)
    {
        var uncertain = false;
        ApiResponse? last = null;
        var attempts = maxAttempts ?? _maxAttempts;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            Stats.Request();
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(method, pathAndQuery);
                if ((key == ApiKey.Admin ? _adminKey : key == ApiKey.Client ? _clientKey : null) is { } apiKey)
                {
                    request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
                }

                if (jsonBody is not null)
                {
                    request.Content = new ByteArrayContent(jsonBody) { Headers = { ContentType = Json } };
                }

                using var response = await _http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                Stats.Latency.Record(Stopwatch.GetElapsedTime(started));
                last = new ApiResponse(response.StatusCode, body, true, uncertain, response.Headers.Location?.ToString());
                if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
                {
                    return last;
                }

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Stats.TooManyRequests();
                }
                else
                {
                    Stats.Unavailable();
                }

                retryAfter = RetryAfter(response.Headers.RetryAfter);
            }
            catch (HttpRequestException e)
            {
                Stats.TransportError(e.Message);
                last = new ApiResponse(0, [], false, uncertain);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Stats.TransportError($"{method} {pathAndQuery} timed out after {_http.Timeout.TotalSeconds} s");
                uncertain = true;
                last = new ApiResponse(0, [], false, uncertain);
            }

            if (attempt >= attempts)
            {
                return last with { Uncertain = uncertain };
            }

            await Task.Delay(retryAfter ?? Backoff(attempt), cancellationToken);
        }
    }

    /// <summary>Exponential from 100 ms, capped at 5 s, with full jitter so many senders do not retry in step.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(5000, 100 * Math.Pow(2, attempt - 1)));

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d ? TimeSpan.FromTicks(Math.Clamp(d.Ticks, 0, TimeSpan.FromSeconds(30).Ticks)) : null;
    }

    public void Dispose() => _http.Dispose();
}
