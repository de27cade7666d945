using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AdOrleans.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Testing;

/// <summary>A local webhook endpoint on a free port that records every POST; the first <c>failFirst</c> get a 500.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app, string url, int failFirst)
    {
        _app = app;
        Url = url;
        _failuresLeft = failFirst;
    }

    public string Url { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var port = FreePort.Pick();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hook", failFirst);
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        Requests.Enqueue(new Received(body.ToArray(), request.Headers["X-AdOrleans-Signature"].ToString()));
        return Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(500) : Results.Ok();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record Received(byte[] Body, string Signature)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;

        /// <summary>What a receiver should do: recompute the HMAC over the raw body and compare in constant time.</summary>
        public bool IsSignedWith(string secret) => CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body))),
            Encoding.ASCII.GetBytes(Signature));
    }
}
