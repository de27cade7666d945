using AdOrleans.Gateway.Auth;
using AdOrleans.Silo.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Says where the service listens and what it runs. Generated API keys are printed once, at the start that created
/// them; later starts only say which file holds them (logs are often kept and shipped; keys should not be).
/// </summary>
internal sealed partial class StartupBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<ServiceOptions> service,
    IOptions<ApiKeyOptions> keys,
    GeneratedKeys generated,
    IConfiguration configuration,
    ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
            var log = string.IsNullOrWhiteSpace(configuration["Kafka:BootstrapServers"]) ? "embedded file log" : "Kafka";
            Log.Started(logger, urls, service.Value.Roles, log, Path.GetFullPath(service.Value.DataDirectory));
            if (generated is { Path: { } path, Created: true })
            {
                Log.Keys(logger, string.Join(",", keys.Value.AdminKeys), string.Join(",", keys.Value.ClientKeys), path);
            }
            else if (generated.Path is { } kept)
            {
                Log.KeysIn(logger, kept);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "AdOrleans listening on {Urls} — roles {Roles}, {LogKind}, data in {DataDirectory}. Dashboard: open the URL in a browser.")]
        public static partial void Started(ILogger logger, string urls, string roles, string logKind, string dataDirectory);

        [LoggerMessage(LogLevel.Warning, "No API keys configured; generated ones, printed this once: admin key {AdminKey}, client key {ClientKey}. Send them as X-Api-Key; they are kept in {Path}.")]
        public static partial void Keys(ILogger logger, string adminKey, string clientKey, string path);

        [LoggerMessage(LogLevel.Warning, "No API keys configured; using the generated ones in {Path} (printed at the first start only). Send them as X-Api-Key.")]
        public static partial void KeysIn(ILogger logger, string path);
    }
}
