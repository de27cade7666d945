using Microsoft.AspNetCore.Builder;

namespace AdOrleans.Gateway.Auth;

/// <summary>
/// Endpoint metadata: the roles whose API key may call an endpoint of the hot path, checked by <see cref="ApiKeyGate"/>
/// instead of the authentication and authorization middleware (the auctions and event ingestion; every other endpoint
/// keeps its policy).
/// </summary>
public sealed class ApiKeyRoles
{
    /// <summary>What <see cref="Policies.Client"/> admits: ad clients and admins.</summary>
    public static readonly ApiKeyRoles Client = new(Roles.Admin, Roles.Client);

    /// <summary>What <see cref="Policies.Events"/> admits: ad clients, advertisers (their own campaigns' events) and admins.</summary>
    public static readonly ApiKeyRoles Events = new(Roles.Admin, Roles.Client, Roles.Advertiser);

    private readonly string[] _roles;

    private ApiKeyRoles(params string[] roles) => _roles = roles;

    public bool Admit(string role) => Array.IndexOf(_roles, role) >= 0;
}

public static class ApiKeyRolesExtensions
{
    /// <summary>Only keys of these roles may call the endpoint: a missing or unknown key gets 401, another role's 403.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder, ApiKeyRoles roles) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(roles);
}
