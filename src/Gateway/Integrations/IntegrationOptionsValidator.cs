using AdOrleans.Gateway.Ads.Admin;
using AdOrleans.Grains;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Integrations;

/// <summary>Every misconfigured source at once: a short secret, an unknown kind or channel.</summary>
public sealed class IntegrationOptionsValidator : IValidateOptions<IntegrationOptions>
{
    public const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, IntegrationOptions options)
    {
        var failures = new List<string>();
        foreach (var (source, settings) in options.Sources)
        {
            if (!Ids.IsValid(source))
            {
                failures.Add($"Integrations:Sources:{source}: the name must be an id (letters, digits, '.', '_', '-').");
            }

            if (settings.Secret.Length < MinSecretLength)
            {
                failures.Add($"Integrations:Sources:{source}:Secret must have at least {MinSecretLength} characters.");
            }

            if (!WebhookKinds.All.Contains(settings.Kind))
            {
                failures.Add($"Integrations:Sources:{source}:Kind must be one of: {string.Join(", ", WebhookKinds.All)}.");
            }

            if (!Channels.All.Contains(settings.Channel))
            {
                failures.Add($"Integrations:Sources:{source}:Channel must be one of: {string.Join(", ", Channels.All)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
