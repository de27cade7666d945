using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AdOrleans.Bench;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Auction.Bench;

/// <summary>
/// End to end on loopback: seeds 1,000 slots and 10,000 campaigns into a running service, then runs wrk against
/// POST /v1/auction and against a bare Kestrel endpoint (this process) returning a fixed JSON body of the same size.
/// Fails when wrk is missing or fails, or any request got an error (wrk's "Non-2xx or 3xx responses", socket errors).
/// </summary>
internal static partial class HttpBench
{
    public static async Task RunAsync(Uri service, string adminKey, string clientKey, int seconds, CancellationToken cancellationToken)
    {
        var admin = Admin.Client(service, adminKey);
        var sw = Stopwatch.StartNew();
        await Admin.ParallelAsync(Workload.SlotConfigs(), (s, t) => admin.PutAsJsonAsync($"/v1/slots/{s.Id}", new { s.FloorMicros, s.Width, s.Height, s.Auction }, t), cancellationToken);
        await Admin.ParallelAsync(Workload.Campaigns(), (c, t) => admin.PostAsJsonAsync("/v1/campaigns", c, t), cancellationToken);
        await Admin.WaitForCampaignsAsync(admin, Workload.CampaignCount, cancellationToken);
        Console.WriteLine($"seeded {Workload.Slots} slots and {Workload.CampaignCount} campaigns in {sw.Elapsed.TotalSeconds:F1} s");
        await CtrWarmup.RunAsync(service, clientKey, cancellationToken);

        using var first = await Admin.Client(service, clientKey).PostAsync("/v1/auction",
            new StringContent(Workload.AuctionBody(new Random(3)), System.Text.Encoding.UTF8, "application/json"), cancellationToken);
        var sample = await first.Content.ReadAsStringAsync(cancellationToken);
        if (!first.IsSuccessStatusCode)
        {
            throw new BenchmarkFailedException($"POST /v1/auction answered {(int)first.StatusCode} {sample}");
        }

        await using var bare = await StartBareAsync(sample, cancellationToken);
        var script = Path.Combine(Path.GetTempPath(), "auction.lua"); // http-bench.sh runs wrk with it again afterwards
        await File.WriteAllTextAsync(script, LuaScript(clientKey), cancellationToken);

        var bareResult = await WrkAsync($"{BareUrl}/", script, seconds, cancellationToken);
        var auctionResult = await WrkAsync($"{service.ToString().TrimEnd('/')}/v1/auction", script, seconds, cancellationToken);
        Console.WriteLine($"bare Kestrel fixed JSON: {bareResult.Rps:F0} req/s, p50 {bareResult.P50}, p99 {bareResult.P99}");
        Console.WriteLine($"POST /v1/auction:        {auctionResult.Rps:F0} req/s, p50 {auctionResult.P50}, p99 {auctionResult.P99}");
        Console.WriteLine($"ratio auction / bare: {auctionResult.Rps / bareResult.Rps:F2}");
    }

    private const string BareUrl = "http://127.0.0.1:5999";

    private static async Task<WebApplication> StartBareAsync(string body, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(BareUrl);
        var app = builder.Build();
        app.MapPost("/", () => Results.Text(body, "application/json"));
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static string LuaScript(string clientKey) => $$"""
        math.randomseed(42)
        -- DELAY_MS (optional, from wrk's environment): a pause before each request, to pace the load (http-bench.sh).
        -- Defined only when pacing: with a delay function wrk schedules every request through its timer.
        local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
        if delay_ms > 0 then
          delay = function() return delay_ms end
        end
        local geos = {"US","DE","FR","GB","JP"}
        local devices = {"mobile","desktop","tablet"}
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.headers["X-Api-Key"] = "{{clientKey}}"
        request = function()
          local body = string.format('{"slotId":"s-%d","userId":"u-%d","geo":"%s","device":"%s"}',
            math.random(0, {{Workload.Slots - 1}}), math.random(0, 999999), geos[math.random(1,5)], devices[math.random(1,3)])
          return wrk.format(nil, nil, nil, body)
        end
        """;

    private static async Task<(double Rps, string P50, string P99)> WrkAsync(string url, string script, int seconds, CancellationToken cancellationToken)
    {
        using var wrk = Process.Start(new ProcessStartInfo("wrk", $"-t1 -c32 -d{seconds}s --latency -s {script} {url}") { RedirectStandardOutput = true })!;
        try
        {
            var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
            await wrk.WaitForExitAsync(cancellationToken);
            var rps = RpsPattern().Match(output);
            if (wrk.ExitCode != 0 || !rps.Success || ErrorsPattern().Match(output) is { Success: true })
            {
                throw new BenchmarkFailedException($"wrk {url} exited {wrk.ExitCode} with errors or no result:\n{output}");
            }

            return (double.Parse(rps.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Percentile(output, "50%"), Percentile(output, "99%"));
        }
        finally
        {
            if (!wrk.HasExited)
            {
                wrk.Kill(); // stopped: wrk would otherwise run on for its duration
            }
        }
    }

    private static string Percentile(string output, string label) =>
        Regex.Match(output, $@"{Regex.Escape(label)}\s+(\S+)").Groups[1].Value;

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RpsPattern();

    /// <summary>wrk's lines for failed requests: "Non-2xx or 3xx responses: N" and "Socket errors: connect N, read N, …".</summary>
    [GeneratedRegex(@"Non-2xx or 3xx responses|Socket errors")]
    private static partial Regex ErrorsPattern();
}
