namespace AdOrleans.Gateway.Ads.Budget;

/// <summary>Names this gateway process to the campaign grains that lease it budget; a restarted gateway is a new one.</summary>
public sealed class GatewayIdentity
{
    public string Id { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";
}
