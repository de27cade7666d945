using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;

namespace AdOrleans.Gateway.Auth;

/// <summary>What a valid key stands for: its role and, for an advertiser key, the advertiser.</summary>
internal sealed record KeyHolder(string Role, string? Advertiser, string Name)
{
    /// <summary>
    /// The key's authentication result, built once: a key's principal never changes while its table lives, and building
    /// it per request (identity, claims, ticket, properties, task) was a fifth of what an auction allocated.
    /// </summary>
    public Task<AuthenticateResult> Authenticated { get; } = Task.FromResult(AuthenticateResult.Success(Ticket(Role, Advertiser, Name)));

    public AuthenticateResult Result => Authenticated.Result;

    private static AuthenticationTicket Ticket(string role, string? advertiser, string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, role), new Claim(ApiKeyClaims.KeyName, name)], ApiKeyAuthenticationHandler.SchemeName);
        if (advertiser is not null)
        {
            identity.AddClaim(new Claim(ApiKeyClaims.Advertiser, advertiser));
        }

        return new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthenticationHandler.SchemeName);
    }
}

/// <summary>
/// The configured API keys as UTF-8 bytes, encoded once per options instance rather than on every request.
/// A presented key is compared in constant time against every configured key, whatever matched before.
/// </summary>
internal sealed class KeyTable
{
    private const int MaxStackKeyBytes = 512;
    private static KeyTable? s_current;

    private readonly ApiKeyOptions _source;
    private readonly (byte[] Key, KeyHolder Holder)[] _entries;

    private KeyTable(ApiKeyOptions source)
    {
        _source = source;
        _entries =
        [
            .. Entries(source.AdminKeys, i => new KeyHolder(Roles.Admin, null, $"admin#{i}")),
            .. Entries(source.ClientKeys, i => new KeyHolder(Roles.Client, null, $"client#{i}")),
            .. Entries(source.AnalystKeys, i => new KeyHolder(Roles.Analyst, null, $"analyst#{i}")),
            .. source.Advertisers.SelectMany(a => Entries(a.Value.Keys, i => new KeyHolder(Roles.Advertiser, a.Key, $"advertiser:{a.Key}#{i}"))),
        ];
    }

    /// <summary>The table of these options; rebuilt only when the options instance changes (configuration reload).</summary>
    public static KeyTable For(ApiKeyOptions options)
    {
        var current = Volatile.Read(ref s_current);
        if (current is null || !ReferenceEquals(current._source, options))
        {
            current = new KeyTable(options);
            Volatile.Write(ref s_current, current);
        }

        return current;
    }

    /// <summary>Who holds the presented key, or null for an unknown key.</summary>
    public KeyHolder? HolderOf(string presented)
    {
        var length = Encoding.UTF8.GetMaxByteCount(presented.Length);
        Span<byte> buffer = length <= MaxStackKeyBytes ? stackalloc byte[MaxStackKeyBytes] : new byte[length];
        ReadOnlySpan<byte> bytes = buffer[..Encoding.UTF8.GetBytes(presented, buffer)];
        KeyHolder? holder = null;
        foreach (var (key, candidate) in _entries)
        {
            // No early exit: the time taken does not tell how many keys were compared before the match.
            if (CryptographicOperations.FixedTimeEquals(key, bytes))
            {
                holder = candidate;
            }
        }

        return holder;
    }

    /// <summary>Keys are named by role and position in their list (1-based), so an audit entry can say which key acted.</summary>
    private static IEnumerable<(byte[], KeyHolder)> Entries(IEnumerable<string> keys, Func<int, KeyHolder> holder) =>
        keys.Select((k, i) => (Encoding.UTF8.GetBytes(k), holder(i + 1)));
}
