using Microsoft.Extensions.Configuration.Memory;

namespace AdOrleans.Silo.Hosting;

/// <summary>
/// The embedded defaults of API.md as the lowest-priority configuration source, so the service behaves
/// the same when started from a folder without its appsettings.json (e.g. the repository root):
/// listening on :5080 and not logging every request. Any file, environment variable or argument overrides them.
/// </summary>
internal static class BuiltInDefaults
{
    private static readonly Dictionary<string, string?> Values = new()
    {
        ["Urls"] = "http://localhost:5080",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    public static void AddTo(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Values });
}
