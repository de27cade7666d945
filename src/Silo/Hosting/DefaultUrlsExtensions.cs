using Microsoft.Extensions.Configuration.Memory;

namespace Microsoft.Extensions.Hosting;

public static class DefaultUrlsExtensions
{
    /// <summary>The contract's embedded default listen address (API.md, <c>Urls</c>).</summary>
    public const string DefaultUrls = "http://localhost:5080";

    /// <summary>
    /// Puts the default listen address below every other configuration source. In appsettings.json it would beat
    /// <c>ASPNETCORE_URLS</c>, which the host reads before the JSON files, so a service started the usual .NET way
    /// silently listened on 5080 instead; here <c>Urls</c>, <c>ASPNETCORE_URLS</c> and <c>--urls</c> all override it.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultUrls(this IHostApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = [new("Urls", DefaultUrls)] });
        return builder;
    }
}
