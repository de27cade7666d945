using AdOrleans.Simulator.Http;
using AdOrleans.Simulator.Options;
using AdOrleans.Simulator.Running;
using AdOrleans.Simulator.Truth;
using AdOrleans.Simulator.Verify;

namespace AdOrleans.Simulator.Cli;

/// <summary>Verify: load the truth, compare with the service, print every difference; exit 1 if there is any.</summary>
public static class VerifyCommand
{
    public static async Task<int> RunAsync(VerifySettings settings, TextWriter output, CancellationToken cancellationToken, HttpMessageHandler? handler = null)
    {
        if (!File.Exists(settings.TruthPath))
        {
            throw new SimulatorException($"No ground truth file at {Path.GetFullPath(settings.TruthPath)}.");
        }

        var truth = TruthRecorder.Load(settings.TruthPath);
        var targetText = settings.Target ?? truth.Target;
        if (!SimulatorOptionsValidator.TryParseTarget(targetText, out var target))
        {
            throw new SimulatorException($"--target '{targetText}' is not an absolute http(s) URL.");
        }

        if (string.IsNullOrEmpty(settings.AdminKey))
        {
            throw new SimulatorException("verify needs --admin-key (or ADORLEANS_ADMIN_KEY).");
        }

        using var client = new ApiClient(handler ?? ApiClient.CreateHandler(4), target, settings.AdminKey, null, new RunStats());
        var ready = await client.SendAsync(HttpMethod.Get, "/readyz", ApiKey.None, null, cancellationToken, maxAttempts: 1);
        if (!ready.Answered)
        {
            throw new SimulatorException($"Cannot reach {target}: {client.Stats.LastError}.");
        }

        var report = await new Verifier(new ServiceReadings(client), settings.Wait, settings.Settle, settings.Strict).VerifyAsync(truth, cancellationToken);
        await Print(report, truth, output);
        return report.Passed ? 0 : 1;
    }

    public static async Task Print(VerifyReport report, GroundTruth truth, TextWriter output)
    {
        await output.WriteLineAsync($"Run {truth.RunId} (seed {truth.Seed}): {truth.Accepted.Events:N0} accepted events, {truth.Campaigns.Count} campaigns.");
        foreach (var note in report.Notes)
        {
            await output.WriteLineAsync("  " + note);
        }

        if (report.Passed)
        {
            await output.WriteLineAsync($"PASS: {report.Compared} numbers compared, all equal.");
            return;
        }

        await output.WriteLineAsync($"FAIL: {report.Differences.Count} of {report.Compared} numbers differ:");
        foreach (var difference in report.Differences)
        {
            await output.WriteLineAsync("  " + difference);
        }
    }
}
