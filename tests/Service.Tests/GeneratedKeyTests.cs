using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;

namespace AdOrleans.Service.Tests;

/// <summary>Generated keys: files of mode 0600, printed at the first start only; later starts name the file.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class GeneratedKeyTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task GeneratedKeysArePrintedAtTheFirstStartOnlyAndTheirFilesAreOwnerOnly()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "adorleans-tests", Guid.NewGuid().ToString("N"));
        var keyFile = Path.Combine(dataDirectory, "api-keys.json");
        try
        {
            string adminKey;
            await using (var first = await StartAsync(dataDirectory))
            {
                adminKey = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(keyFile))!["Auth:AdminKeys"];
                await Eventually.TrueAsync(() => Task.FromResult(first.Output.Contains(adminKey, StringComparison.Ordinal)), what: "the generated keys printed");
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(keyFile));
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(dataDirectory, "tracking-key")));
                Assert.Equal(HttpStatusCode.OK, (await first.CreateClient(adminKey).GetAsync("/v1/campaigns")).StatusCode);
                await first.TerminateAsync(TimeSpan.FromSeconds(30));
            }

            await using var second = await StartAsync(dataDirectory);
            await Eventually.TrueAsync(() => Task.FromResult(second.Output.Contains(keyFile, StringComparison.Ordinal)), what: "the key file named");
            Assert.DoesNotContain(adminKey, second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("client-", second.Output, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await second.CreateClient(adminKey).GetAsync("/v1/campaigns")).StatusCode);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task AKeyFileAnOlderVersionLeftWorldReadableIsNarrowedToTheOwner()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "adorleans-tests", Guid.NewGuid().ToString("N"));
        var keyFile = Path.Combine(dataDirectory, "api-keys.json");
        Directory.CreateDirectory(dataDirectory);
        await File.WriteAllTextAsync(keyFile, """{"Auth:AdminKeys":"old-admin","Auth:ClientKeys":"old-client"}""");
        File.SetUnixFileMode(keyFile, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            await using var silo = await StartAsync(dataDirectory);

            Assert.Equal(OwnerOnly, File.GetUnixFileMode(keyFile));
            Assert.Equal(HttpStatusCode.OK, (await silo.CreateClient("old-admin").GetAsync("/v1/campaigns")).StatusCode);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>No keys configured (empty variables override the test defaults), so the service generates its own.</summary>
    private static Task<ServiceProcess> StartAsync(string dataDirectory) =>
        ServiceProcess.StartAsync(new ServiceProcessOptions { DataDirectory = dataDirectory, AdminKey = "", ClientKey = "" });
}
