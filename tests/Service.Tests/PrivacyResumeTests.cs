using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Service.Tests;

/// <summary>An erasure job a crash interrupted resumes at its first unfinished store when it is next asked about.</summary>
public sealed class PrivacyResumeTests
{
    private const string User = "resume-me-2b8e";
    private const string JobId = "0193resumejob0000000000000000001";

    [Fact]
    public async Task A_job_stored_as_running_resumes_after_a_restart_and_skips_the_stores_it_finished()
    {
        var directory = Path.Combine(Path.GetTempPath(), "adorleans-privacy-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = new EmbeddedServiceFactory(new EmbeddedServiceOptions { DataDirectory = directory, DeleteOnDispose = false }))
            {
                using var admin = first.CreateClient(first.AdminKey);
                using var csv = new StringContent($"userId,email\n{User},{User}@example.com\n", Encoding.UTF8, "text/csv");
                Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/v1/imports/contacts", csv)).StatusCode);
                await Eventually.GetAsync<JsonNode>(admin, $"/v1/users/{User}/export", e => e["contact"] is not null);
            }

            // What a crash leaves: the job's row written as it started its third store.
            StoreInterruptedJob(Path.Combine(directory, "state.db"));

            await using var second = new EmbeddedServiceFactory(new EmbeddedServiceOptions { DataDirectory = directory });
            using var restarted = second.CreateClient(second.AdminKey);
            var job = await Eventually.GetAsync<JsonNode>(restarted, $"/v1/users/erasures/{JobId}", j => j["state"]!.GetValue<string>() is "completed" or "failed");
            Assert.True(job["state"]!.GetValue<string>() == "completed", job.ToJsonString());
            var stores = job["stores"]!.AsArray().ToDictionary(s => s!["store"]!.GetValue<string>(), s => s!);
            Assert.Equal("finished before the crash", stores["log"]["note"]!.GetValue<string>());
            Assert.Equal(1, stores["contacts"]["erased"]!.GetValue<int>());
            Assert.Null(JsonNode.Parse(await restarted.GetStringAsync($"/v1/users/{User}/export"))!["contact"]);
        }
        finally
        {
            // The second life's factory deletes it already unless the test failed before it existed.
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static void StoreInterruptedJob(string database)
    {
        object Store(string name, string state, string? note = null) => new { store = name, state, erased = 0, note };
        var state = new
        {
            userId = User, state = "running", queuedAt = DateTimeOffset.UtcNow, startedAt = DateTimeOffset.UtcNow, errors = Array.Empty<string>(),
            stores = new[]
            {
                Store("log", "completed", "finished before the crash"), Store("journeys", "completed", "finished before the crash"),
                Store("kpiState", "running"), Store("lake", "queued"), Store("contacts", "queued"), Store("eventIds", "queued"), Store("storage", "queued"),
            },
        };
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO grain_state (grain_type, grain_key, etag, data, updated_at) VALUES ('user-erasure', $k, 1, $d, 0)";
        insert.Parameters.AddWithValue("$k", JobId);
        insert.Parameters.AddWithValue("$d", JsonSerializer.SerializeToUtf8Bytes(state, JsonSerializerOptions.Web));
        insert.ExecuteNonQuery();
    }
}
