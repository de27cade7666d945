using System.Security.Cryptography;
using System.Text.Json;

namespace AdOrleans.Silo.Hosting;

/// <summary>Where the generated API keys are (null when keys are configured), and whether this start created them.</summary>
internal sealed record GeneratedKeys(string? Path, bool Created);

/// <summary>
/// When no API keys are configured, makes one admin and one client key and keeps them in the data
/// directory (mode 0600), so a laptop install works at once and keeps its keys across restarts.
/// </summary>
internal static class GeneratedApiKeys
{
    public static void AddTo(IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (HasKeys(configuration, "Auth:AdminKeys") || HasKeys(configuration, "Auth:ClientKeys"))
        {
            builder.Services.AddSingleton(new GeneratedKeys(null, Created: false));
            return;
        }

        var path = Path.GetFullPath(Path.Combine(ServiceOptions.From(configuration).DataDirectory, "api-keys.json"));
        var created = !File.Exists(path) && SecretFile.TryCreate(path, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Auth:AdminKeys"] = "admin-" + NewKey(),
            ["Auth:ClientKeys"] = "client-" + NewKey(),
        }));
        SecretFile.RestrictToOwner(path);
        var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? [];
        configuration.AddInMemoryCollection(keys!);
        builder.Services.AddSingleton(new GeneratedKeys(path, created));
    }

    private static bool HasKeys(IConfiguration configuration, string key) =>
        !string.IsNullOrWhiteSpace(configuration[key]) || configuration.GetSection(key).GetChildren().Any();

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
