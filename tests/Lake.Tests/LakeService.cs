using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;

namespace AdOrleans.Lake.Tests;

/// <summary>The embedded service as the lake tests run it: archivers flush every 100 ms, an analyst key, and helpers.</summary>
internal static class LakeService
{
    public const string AdminKey = "lake-admin-key";
    public const string ClientKey = "lake-client-key";
    public const string AnalystKey = "lake-analyst-key-0001";

    /// <summary>An hour boundary three hours ago: every test time is inside what the gateway accepts.</summary>
    public static readonly DateTimeOffset T = new(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour - 3 * TimeSpan.TicksPerHour, TimeSpan.Zero);

    public static EmbeddedServiceFactory Create(string? dataDirectory = null, bool deleteOnDispose = true, IReadOnlyDictionary<string, string>? settings = null) =>
        new(new EmbeddedServiceOptions
        {
            AdminKey = AdminKey,
            ClientKey = ClientKey,
            TempFolder = "adorleans-lake-tests",
            DataDirectory = dataDirectory,
            DeleteOnDispose = deleteOnDispose,
            Settings = new Dictionary<string, string>
            {
                ["Auth:AnalystKeys"] = AnalystKey,
                ["Kpi:Lateness"] = "01:00:00",
                ["Lake:FlushInterval"] = "00:00:00.100",
            }.Concat(settings ?? new Dictionary<string, string>()).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value),
        });

    public static string Root(this EmbeddedServiceFactory service) => Path.Combine(service.DataDirectory, "lake");

    public static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>The JSON a client posts to /v1/events.</summary>
    public static object Event(string eventId, string type, DateTimeOffset at, string channel, string? campaign = null, string? user = null, long value = 0) =>
        new { eventId, type, campaignId = campaign, channel, userId = user, valueMicros = value, occurredAt = at };

    public static async Task PostEventsAsync(this EmbeddedServiceFactory service, IEnumerable<object> events)
    {
        // Money events naming a campaign without a click's token need a key that vouches for them: admin.
        var response = await service.CreateClient(AdminKey).PostAsJsonAsync("/v1/events/batch", new { events = events.ToArray() });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static async Task<JsonNode> ManifestAsync(this EmbeddedServiceFactory service, string key = AnalystKey)
    {
        var response = await service.CreateClient(key).GetAsync("/v1/lake/manifest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Waits until the manifest lists <paramref name="rows"/> rows in all.</summary>
    public static async Task<JsonNode> ArchivedAsync(this EmbeddedServiceFactory service, long rows)
    {
        JsonNode? last = null;
        await Eventually.TrueAsync(async () =>
        {
            last = await service.ManifestAsync();
            return last["totals"]!["rows"]!.GetValue<long>() == rows;
        }, what: $"{rows} archived rows");
        return last!;
    }

    /// <summary>Reads every Parquet file under the lake's events directory with DuckDB, as any BI tool would.</summary>
    public static List<object?[]> ReadLake(string root, string select)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SET TimeZone = 'UTC'";
        command.ExecuteNonQuery();
        var glob = Path.Combine(root, "events", "**", "*.parquet").Replace("'", "''", StringComparison.Ordinal);
        command.CommandText = select.Replace("{events}", $"read_parquet('{glob}', hive_partitioning = true)", StringComparison.Ordinal);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
