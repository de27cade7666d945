using AdOrleans.Silo.Hosting;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class TlsHostingExtensions
{
    /// <summary>True when Kestrel is told to serve HTTPS: an https URL in <c>Urls</c> or in any <c>Kestrel:Endpoints</c> entry.</summary>
    public static bool ServesHttps(IConfiguration configuration) =>
        (configuration["Urls"] ?? configuration["ASPNETCORE_URLS"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);

    public static IHostApplicationBuilder AddTls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHsts(_ => { });
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<TlsOptions>>((hsts, tls) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(tls.Value.HstsMaxAgeDays);
            hsts.IncludeSubDomains = tls.Value.HstsIncludeSubDomains;
        });
        return builder;
    }

    /// <summary>HSTS on HTTPS responses when TLS is on (ASP.NET Core leaves localhost out, so a developer's browser is not pinned).</summary>
    public static WebApplication UseTls(this WebApplication app)
    {
        if (ServesHttps(app.Configuration) && app.Services.GetRequiredService<IOptions<TlsOptions>>().Value.Hsts)
        {
            app.UseHsts();
        }

        return app;
    }
}
