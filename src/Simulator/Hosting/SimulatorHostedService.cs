using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Running;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdOrleans.Simulator.Hosting;

/// <summary>
/// Runs the simulator inside the service once it listens, against its own address and keys (configured or
/// generated), until the host stops; logs progress every 30 s and writes the ground truth on stop if asked to.
/// </summary>
internal sealed partial class SimulatorHostedService(
    IOptions<SimulatorOptions> options,
    IConfiguration configuration,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<SimulatorHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var settings = options.Value;
        var target = settings.Target ?? OwnAddress();
        using var client = new ApiClient(
            ApiClient.CreateHandler(settings.Concurrency + settings.AdConcurrency), new Uri(target),
            settings.AdminKey ?? FirstKey("Auth:AdminKeys"), settings.ClientKey ?? FirstKey("Auth:ClientKeys"), new RunStats(), settings.MaxAttempts, settings.RequestTimeout);
        var runner = new SimulationRunner(settings, client, message => Log.Note(logger, message));
        var progress = Task.Run(() => ReportAsync(runner, stop.Token), CancellationToken.None);
        try
        {
            await runner.RunAsync(TimeSpan.FromSeconds(60), stop.Token);
        }
        catch (SimulatorException e)
        {
            Log.Failed(logger, e.Message);
        }
        catch (OperationCanceledException)
        {
        }

        await stop.CancelAsync();
        await progress;
        if (settings.TruthPath is { } path && runner.Recorder is { } recorder)
        {
            recorder.Save(path, runner.Stats);
        }
    }

    private async Task ReportAsync(SimulationRunner runner, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        long last = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var s = runner.Stats;
                Log.Progress(logger, (s.EventsAccepted - last) / 30.0, s.EventsAccepted, s.EventsRejected + s.EventsDropped, s.Status429, s.Status503, s.Latency.PercentileMs(0.5), s.Latency.PercentileMs(0.99));
                last = s.EventsAccepted;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The first listen address, with a wildcard host turned into loopback.</summary>
    private string OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? configuration["Urls"]?.Split(';')[0] ?? "http://localhost:5080";
        return address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1");
    }

    private string? FirstKey(string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? "");
        return values.Select(v => v.Trim()).FirstOrDefault(v => v.Length > 0);
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "Simulator: {Message}")]
        public static partial void Note(ILogger logger, string message);

        [LoggerMessage(LogLevel.Error, "Simulator stopped: {Message}")]
        public static partial void Failed(ILogger logger, string message);

        [LoggerMessage(LogLevel.Information, "Simulator: {Rate:N0} events/s accepted, {Accepted:N0} in all, {Failed:N0} rejected or dropped, 429 ×{TooMany}, 503 ×{Unavailable}, latency p50 {P50:N1} ms p99 {P99:N1} ms")]
        public static partial void Progress(ILogger logger, double rate, long accepted, long failed, long tooMany, long unavailable, double p50, double p99);
    }
}
