using System.Security.Cryptography;

namespace AdOrleans.Silo.Hosting;

/// <summary>
/// When <c>Tracking:SigningKey</c> is not configured, makes one and keeps it in the data directory (mode 0600, like the
/// API keys), so tracking URLs stay valid across restarts. A cluster of several gateways must configure a shared key.
/// </summary>
internal static class GeneratedSigningKey
{
    public static void AddTo(IHostApplicationBuilder builder, ServiceOptions service)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Tracking:SigningKey"]))
        {
            return;
        }

        var path = Path.Combine(service.DataDirectory, "tracking-key");
        if (!File.Exists(path))
        {
            SecretFile.TryCreate(path, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        }

        SecretFile.RestrictToOwner(path);
        builder.Configuration.AddInMemoryCollection([new("Tracking:SigningKey", File.ReadAllText(path).Trim())]);
    }
}
