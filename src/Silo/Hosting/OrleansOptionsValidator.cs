using System.Net;
using Microsoft.Extensions.Options;

namespace AdOrleans.Silo.Hosting;

/// <summary>Cross-field checks of <see cref="OrleansOptions"/>, all reported at once.</summary>
public sealed class OrleansOptionsValidator : IValidateOptions<OrleansOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"Orleans:AdvertisedAddress must be an IP address (got '{options.AdvertisedAddress}').");
        }

        if (options.SiloPort != 0 && options.SiloPort == options.GatewayPort)
        {
            failures.Add("Orleans:SiloPort and Orleans:GatewayPort must differ.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
