using AdOrleans.Gateway.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class AuthHostingExtensions
{
    public static IHostApplicationBuilder AddApiKeyAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.AdminKeys = ReadKeys(configuration.GetSection($"{ApiKeyOptions.SectionName}:{nameof(ApiKeyOptions.AdminKeys)}"));
            options.ClientKeys = ReadKeys(configuration.GetSection($"{ApiKeyOptions.SectionName}:{nameof(ApiKeyOptions.ClientKeys)}"));
        });
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Client, p => p.RequireRole(Roles.Admin, Roles.Client));
        return builder;
    }

    /// <summary>Keys come as a list (JSON arrays) or one comma-separated string (environment variables).</summary>
    private static List<string> ReadKeys(IConfigurationSection section)
    {
        var values = section.Value is { } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? "");
        return [.. values.Select(v => v.Trim()).Where(v => v.Length > 0)];
    }
}
