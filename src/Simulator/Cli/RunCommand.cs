using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Running;

namespace AdOrleans.Simulator.Cli;

/// <summary>The run: traffic for the duration with a progress display, then the ground truth file and a summary.</summary>
public static class RunCommand
{
    public static async Task<int> RunAsync(SimulatorOptions options, bool quiet, TextWriter output, CancellationToken cancellationToken, HttpMessageHandler? handler = null)
    {
        SimulatorOptionsValidator.TryParseTarget(options.Target!, out var target);
        using var client = new ApiClient(
            handler ?? ApiClient.CreateHandler(options.Concurrency + options.AdConcurrency), target, options.AdminKey, options.ClientKey,
            new RunStats(), options.MaxAttempts, options.RequestTimeout);
        var runner = new SimulationRunner(options, client, note => output.WriteLine(note));
        using var stopDisplay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var display = ProgressDisplay.ShowAsync(runner, options.EventsPerSecond, quiet, stopDisplay.Token);
        try
        {
            var truth = await runner.RunAsync(TimeSpan.FromSeconds(5), cancellationToken);
            var s = runner.Stats;
            var seconds = (truth.EndedAt - truth.StartedAt).TotalSeconds;
            await output.WriteLineAsync(
                $"Sent {s.EventsSent:N0}, accepted {s.EventsAccepted:N0} ({s.EventsAccepted / seconds:N0}/s), rejected {s.EventsRejected:N0}, dropped {s.EventsDropped:N0}; " +
                $"429 ×{s.Status429}, 503 ×{s.Status503}, transport errors {s.TransportErrors}; latency p50 {s.Latency.PercentileMs(0.5):N1} ms, p99 {s.Latency.PercentileMs(0.99):N1} ms; " +
                $"auctions {s.Auctions:N0} (no bid {s.NoBids:N0}, skipped {s.AdsSkipped:N0}).");
            if (s.LastError is { } error)
            {
                await output.WriteLineAsync($"Last error: {error}");
            }

            if (options.TruthPath is { } path)
            {
                runner.Recorder!.Save(path, s);
                await output.WriteLineAsync($"Ground truth written to {Path.GetFullPath(path)} (run {truth.RunId}, seed {truth.Seed}).");
            }

            return 0;
        }
        finally
        {
            await stopDisplay.CancelAsync();
            await display;
        }
    }
}
