using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AdOrleans.Grains.Attribution;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AdOrleans.Service.Tests;

/// <summary>What the privacy tests do to the embedded service: traffic for a user, waiting for it to commit, scanning the data directory.</summary>
internal static class PrivacyService
{
    public const int Partitions = 4;
    public const string Slot = "s-privacy";
    public const string Campaign = "c-privacy";
    public const string Experiment = "x-privacy";

    public static EmbeddedServiceFactory Create(string? postgres = null) => new(new EmbeddedServiceOptions
    {
        TempFolder = "adorleans-privacy-tests",
        Partitions = Partitions,
        PostgresConnectionString = postgres,
        Settings = new Dictionary<string, string>
        {
            ["Lake:FlushInterval"] = "00:00:00.100",
            ["Attribution:SnapshotSeconds"] = "1",
        },
    });

    /// <summary>A user id whose journey shares <paramref name="userId"/>'s shard, so one shard holds both and the erasure must pick.</summary>
    public static string SameShard(string userId, string prefix) =>
        Enumerable.Range(0, 1000).Select(i => $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}")
            .First(c => IJourneyShardGrain.KeyOf(c, Partitions) == IJourneyShardGrain.KeyOf(userId, Partitions));

    public static async Task SetUpCampaignAsync(HttpClient admin)
    {
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/v1/slots/{Slot}", new { width = 300, height = 250 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/campaigns", new
        {
            id = Campaign, name = "Privacy", advertiser = "acme", channel = "display", bidType = "cpm", bidMicros = 3_000_000,
            totalBudgetMicros = 50_000_000, pacing = "asap", targeting = new { slots = new[] { Slot } },
            creatives = new[]
            {
                new { id = "privacy-cr-a", url = "https://cdn.example/a.png", width = 300, height = 250 },
                new { id = "privacy-cr-b", url = "https://cdn.example/b.png", width = 300, height = 250 },
            },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/experiments", new
        {
            id = Experiment, campaignId = Campaign, metric = "ctr", minSamplePerVariant = 100,
            variants = new[] { new { id = "a", creativeId = "privacy-cr-a", weight = 50 }, new { id = "b", creativeId = "privacy-cr-b", weight = 50 } },
        })).StatusCode);

        // Exports compute assignments from the auction index: once one lists the experiment, auctions run it too.
        await Eventually.GetAsync<JsonNode>(admin, "/v1/users/nobody/export", e => e["experiments"]!.AsArray().Count == 1);
    }

    /// <summary>A session and a pageview, an auction won with its impression and click, a purchase, and a contact record; returns the creative shown.</summary>
    public static async Task<string> TrafficAsync(HttpClient admin, HttpClient client, string user)
    {
        var events = new object[]
        {
            new { eventId = $"ses-{user}", type = "session", channel = "web", userId = user },
            new { eventId = $"pv-{user}", type = "pageview", channel = "web", userId = user },
            new { eventId = $"buy-{user}", type = "purchase", channel = "web", userId = user, valueMicros = 2_500_000 },
        };
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/v1/events/batch", new { events })).StatusCode);

        JsonNode? won = null;
        await Eventually.TrueAsync(async () =>
        {
            var response = await client.PostAsJsonAsync("/v1/auction", new { slotId = Slot, userId = user, segments = new[] { "sports" } });
            won = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
            return won is not null;
        }, what: "an auction won by the campaign's experiment");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(won!["impressionUrl"]!.GetValue<string>()).PathAndQuery)).StatusCode);
        var click = await client.GetAsync(new Uri(won["clickUrl"]!.GetValue<string>()).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);

        using var csv = new StringContent($"userId,email\n{user},{user}@example.com\n", Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/v1/imports/contacts", csv)).StatusCode);
        return won["creativeId"]!.GetValue<string>();
    }

    /// <summary>Every log partition read and committed, and every event posted archived in the lake.</summary>
    public static async Task CommittedAsync(HttpClient admin, long events)
    {
        await Eventually.GetAsync<JsonNode>(admin, "/v1/cluster", c => c["partitions"]!.AsArray().All(p => p!["lag"]!.GetValue<long>() == 0));
        await Eventually.GetAsync<JsonNode>(admin, "/v1/lake/manifest", m => m["totals"]!["rows"]!.GetValue<long>() == events);
        await Eventually.GetAsync<JsonNode>(admin, "/v1/cluster", c => c["partitions"]!.AsArray().All(p => p!["lag"]!.GetValue<long>() == 0));
    }

    public static async Task<bool> JourneyRowStoredAsync(EmbeddedServiceFactory service, string user, string? postgres = null)
    {
        if (postgres is not null)
        {
            await using var pg = new NpgsqlConnection(postgres);
            await pg.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT count(*) FROM grain_substate WHERE grain_type = 'journey-shard' AND sub_key = @u", pg);
            query.Parameters.AddWithValue("u", user);
            return (long)(await query.ExecuteScalarAsync())! > 0;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(service.DataDirectory, "state.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM grain_substate WHERE grain_type = 'journey-shard' AND sub_key = $u";
        command.Parameters.AddWithValue("$u", user);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>Every file under the data directory (recursively, as bytes) that contains <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static List<string> FilesContaining(string directory, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            // The log's lock file is held exclusively by the running service; it is empty, so there is nothing to scan.
            if (new FileInfo(path).Length == 0)
            {
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            if (memory.GetBuffer().AsSpan(0, (int)memory.Length).IndexOf(needle) >= 0)
            {
                found.Add(Path.GetRelativePath(directory, path));
            }
        }

        return found;
    }

    /// <summary>Every table of the database with a row whose text (bytea as hex) contains <paramref name="text"/>.</summary>
    public static async Task<List<string>> TablesContaining(string postgres, string text)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" r WHERE position(@t in r::text) > 0 OR position(@h in r::text) > 0", connection);
            count.Parameters.AddWithValue("t", text);
            count.Parameters.AddWithValue("h", Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text)));
            if ((long)(await count.ExecuteScalarAsync())! > 0)
            {
                found.Add(table);
            }
        }

        return found;
    }

    /// <summary>The KPI summary of a window around the test, and the event totals of the keys the traffic used, as one comparable text.</summary>
    public static async Task<string> KpiTotalsAsync(HttpClient admin, DateTimeOffset around)
    {
        var from = Uri.EscapeDataString(around.AddHours(-2).ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(around.AddHours(1).ToString("O", CultureInfo.InvariantCulture));
        var summary = JsonNode.Parse(await admin.GetStringAsync($"/v1/kpi/summary?from={from}&to={to}"))!;
        var web = JsonNode.Parse(await admin.GetStringAsync("/v1/events/totals/channel:web"))!;
        var campaign = JsonNode.Parse(await admin.GetStringAsync($"/v1/events/totals/{Campaign}"))!;
        return $"{summary["totals"]!.ToJsonString()} {summary["byChannel"]!.ToJsonString()} {web.ToJsonString()} {campaign.ToJsonString()}";
    }
}
