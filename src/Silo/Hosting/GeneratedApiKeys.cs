using System.Security.Cryptography;
using System.Text.Json;

namespace AdOrleans.Silo.Hosting;

/// <summary>
/// When no API keys are configured, makes one admin and one client key and keeps them in the data
/// directory, so a laptop install works at once and keeps its keys across restarts.
/// </summary>
internal static class GeneratedApiKeys
{
    public static bool Generated { get; private set; }

    public static void AddTo(IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (HasKeys(configuration, "Auth:AdminKeys") || HasKeys(configuration, "Auth:ClientKeys"))
        {
            return;
        }

        var service = ServiceOptions.From(configuration);
        var path = Path.Combine(service.DataDirectory, "api-keys.json");
        Dictionary<string, string> keys;
        if (File.Exists(path))
        {
            keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
        }
        else
        {
            keys = new() { ["Auth:AdminKeys"] = "admin-" + NewKey(), ["Auth:ClientKeys"] = "client-" + NewKey() };
            Directory.CreateDirectory(service.DataDirectory);
            File.WriteAllText(path, JsonSerializer.Serialize(keys));
        }

        configuration.AddInMemoryCollection(keys!);
        Generated = true;
    }

    private static bool HasKeys(IConfiguration configuration, string key) =>
        !string.IsNullOrWhiteSpace(configuration[key]) || configuration.GetSection(key).GetChildren().Any();

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
