using AdOrleans.Gateway.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class AuthHostingExtensions
{
    public static IHostApplicationBuilder AddApiKeyAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var section = configuration.GetSection(ApiKeyOptions.SectionName);
            options.AdminKeys = ReadKeys(section.GetSection(nameof(ApiKeyOptions.AdminKeys)));
            options.ClientKeys = ReadKeys(section.GetSection(nameof(ApiKeyOptions.ClientKeys)));
            options.AnalystKeys = ReadKeys(section.GetSection(nameof(ApiKeyOptions.AnalystKeys)));
            options.Advertisers = section.GetSection(nameof(ApiKeyOptions.Advertisers)).GetChildren().ToDictionary(
                a => a.Key, a => new AdvertiserKeys { Keys = ReadKeys(a.GetSection(nameof(AdvertiserKeys.Keys))) }, StringComparer.Ordinal);
        }).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName;
            o.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        });
        builder.Services.AddTransient<ApiKeyAuthenticationHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Client, p => p.RequireRole(Roles.Admin, Roles.Client))
            .AddPolicy(Policies.Events, p => p.RequireRole(Roles.Admin, Roles.Client, Roles.Advertiser))
            .AddPolicy(Policies.Reader, p => p.RequireRole(Roles.Admin, Roles.Analyst))
            .AddPolicy(Policies.CampaignOwners, p => p.RequireRole(Roles.Admin, Roles.Advertiser))
            .AddPolicy(Policies.ScopedReader, p => p.RequireRole(Roles.Admin, Roles.Analyst, Roles.Advertiser));
        return builder;
    }

    /// <summary>Keys come as a list (JSON arrays) or one comma-separated string (environment variables).</summary>
    private static List<string> ReadKeys(IConfigurationSection section)
    {
        var values = section.Value is { } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? "");
        return [.. values.Select(v => v.Trim()).Where(v => v.Length > 0)];
    }
}
