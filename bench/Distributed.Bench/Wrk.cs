using System.Text.RegularExpressions;
using Market = AdOrleans.Auction.Bench.Workload;

namespace AdOrleans.Distributed.Bench;

/// <summary>wrk with Auction.Bench's request mix (random slot, user, geo, device); fails on any error response or socket error.</summary>
internal static partial class Wrk
{
    public sealed record Result(double Rps, long Requests, string P50, string P99);

    /// <summary>The script Auction.Bench's http mode writes, with this benchmark's client key.</summary>
    public static async Task<string> WriteScriptAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, "auction.lua");
        await File.WriteAllTextAsync(path, $$"""
            math.randomseed(42)
            local geos = {"US","DE","FR","GB","JP"}
            local devices = {"mobile","desktop","tablet"}
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["X-Api-Key"] = "{{ServiceProcess.ClientKey}}"
            request = function()
              local body = string.format('{"slotId":"s-%d","userId":"u-%d","geo":"%s","device":"%s"}',
                math.random(0, {{Market.Slots - 1}}), math.random(0, 999999), geos[math.random(1,5)], devices[math.random(1,3)])
              return wrk.format(nil, nil, nil, body)
            end
            """, cancellationToken);
        return path;
    }

    /// <summary>One wrk run, as Auction.Bench runs it: 1 thread, 32 connections.</summary>
    public static async Task<Result> RunAsync(Uri url, string script, int seconds, CancellationToken cancellationToken)
    {
        using var wrk = Process.Start(new ProcessStartInfo("wrk", $"-t1 -c32 -d{seconds}s --latency -s {script} {url}") { RedirectStandardOutput = true })
            ?? throw new BenchmarkFailedException("could not start wrk");
        try
        {
            var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
            await wrk.WaitForExitAsync(cancellationToken);
            var rps = RpsPattern().Match(output);
            var requests = RequestsPattern().Match(output);
            if (wrk.ExitCode != 0 || !rps.Success || !requests.Success || ErrorsPattern().IsMatch(output))
            {
                throw new BenchmarkFailedException($"wrk {url} exited {wrk.ExitCode} with errors or no result:\n{output}");
            }

            return new Result(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
                Percentile(output, "50%"), Percentile(output, "99%"));
        }
        finally
        {
            if (!wrk.HasExited)
            {
                wrk.Kill(); // stopped: wrk would otherwise run on for its duration
            }
        }
    }

    private static string Percentile(string output, string label) => Regex.Match(output, $@"{Regex.Escape(label)}\s+(\S+)").Groups[1].Value;

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RpsPattern();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsPattern();

    /// <summary>wrk's lines for failed requests: "Non-2xx or 3xx responses: N" and "Socket errors: connect N, read N, …".</summary>
    [GeneratedRegex(@"Non-2xx or 3xx responses|Socket errors")]
    private static partial Regex ErrorsPattern();
}
