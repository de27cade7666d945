using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AdOrleans.Auction.Bench;

/// <summary>
/// End to end on loopback: seeds 1,000 slots and 10,000 campaigns into a running service, then runs wrk against
/// POST /v1/auction and against a bare Kestrel endpoint (this process) returning a fixed JSON body of the same size.
/// </summary>
internal static partial class HttpBench
{
    public static async Task RunAsync(Uri service, string adminKey, string clientKey, int seconds)
    {
        var admin = Admin.Client(service, adminKey);
        var sw = Stopwatch.StartNew();
        await Admin.ParallelAsync(Workload.SlotConfigs(), s => admin.PutAsJsonAsync($"/v1/slots/{s.Id}", new { s.FloorMicros, s.Width, s.Height, s.Auction }));
        await Admin.ParallelAsync(Workload.Campaigns(), c => admin.PostAsJsonAsync("/v1/campaigns", c));
        await Admin.WaitForCampaignsAsync(admin, Workload.CampaignCount);
        Console.WriteLine($"seeded {Workload.Slots} slots and {Workload.CampaignCount} campaigns in {sw.Elapsed.TotalSeconds:F1} s");

        var sample = await (await Admin.Client(service, clientKey).PostAsync("/v1/auction",
            new StringContent(Workload.AuctionBody(new Random(3)), System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync();
        var bare = await StartBareAsync(sample);
        var script = Path.Combine(Path.GetTempPath(), "auction.lua");
        await File.WriteAllTextAsync(script, LuaScript(clientKey));

        var bareResult = Wrk($"{bare}/", script, seconds);
        var auctionResult = Wrk($"{service.ToString().TrimEnd('/')}/v1/auction", script, seconds);
        Console.WriteLine($"bare Kestrel fixed JSON: {bareResult.Rps:F0} req/s, p50 {bareResult.P50}, p99 {bareResult.P99}");
        Console.WriteLine($"POST /v1/auction:        {auctionResult.Rps:F0} req/s, p50 {auctionResult.P50}, p99 {auctionResult.P99}");
        Console.WriteLine($"ratio auction / bare: {auctionResult.Rps / bareResult.Rps:F2}");
    }

    private static async Task<string> StartBareAsync(string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:5999");
        var app = builder.Build();
        app.MapPost("/", () => Results.Text(body, "application/json"));
        await app.StartAsync();
        return "http://127.0.0.1:5999";
    }

    private static string LuaScript(string clientKey) => $$"""
        math.randomseed(42)
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

    private static (double Rps, string P50, string P99) Wrk(string url, string script, int seconds)
    {
        var wrk = Process.Start(new ProcessStartInfo("wrk", $"-t1 -c32 -d{seconds}s --latency -s {script} {url}") { RedirectStandardOutput = true })!;
        var output = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        var rps = double.Parse(RpsPattern().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (rps, Percentile(output, "50%"), Percentile(output, "99%"));
    }

    private static string Percentile(string output, string label) =>
        Regex.Match(output, $@"{Regex.Escape(label)}\s+(\S+)").Groups[1].Value;

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RpsPattern();
}
