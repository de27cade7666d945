using System.Text.Json.Nodes;

namespace AdOrleans.Kpi.Tests;

/// <summary>Reads KPI answers as raw JSON, so tests see exactly what a client sees (nulls included).</summary>
internal static class KpiJson
{
    public static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Polls until the condition holds: rollups are committed asynchronously after 202.</summary>
    public static async Task<JsonNode> EventuallyAsync(HttpClient client, string path, Func<JsonNode, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                last = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (condition(last))
                {
                    return last;
                }
            }

            await Task.Delay(25);
        }

        Assert.Fail($"{path} did not reach the expected state; last: {last?.ToJsonString()}");
        return last!;
    }

    public static long L(this JsonNode node, string name) => node[name]!.GetValue<long>();

    public static double? D(this JsonNode node, string name) => node[name]?.GetValue<double>();

    public static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-ddTHH:mm:ssZ"));
}
