using System.Security.Cryptography;
using System.Text;

namespace AdOrleans.Gateway.Auth;

/// <summary>
/// The configured API keys as UTF-8 bytes, encoded once per options instance rather than on every request.
/// A presented key is compared in constant time against every key (admin first), as before.
/// </summary>
internal sealed class KeyTable
{
    private const int MaxStackKeyBytes = 512;
    private static KeyTable? s_current;

    private readonly ApiKeyOptions _source;
    private readonly byte[][] _admin;
    private readonly byte[][] _client;

    private KeyTable(ApiKeyOptions source)
    {
        _source = source;
        _admin = [.. source.AdminKeys.Select(Encoding.UTF8.GetBytes)];
        _client = [.. source.ClientKeys.Select(Encoding.UTF8.GetBytes)];
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

    /// <summary><see cref="Roles.Admin"/>, <see cref="Roles.Client"/>, or null for an unknown key.</summary>
    public string? RoleOf(string presented)
    {
        var length = Encoding.UTF8.GetMaxByteCount(presented.Length);
        Span<byte> buffer = length <= MaxStackKeyBytes ? stackalloc byte[MaxStackKeyBytes] : new byte[length];
        ReadOnlySpan<byte> bytes = buffer[..Encoding.UTF8.GetBytes(presented, buffer)];
        return Matches(_admin, bytes) ? Roles.Admin
            : Matches(_client, bytes) ? Roles.Client
            : null;
    }

    private static bool Matches(byte[][] candidates, ReadOnlySpan<byte> presented)
    {
        var found = false;
        foreach (var candidate in candidates)
        {
            found |= CryptographicOperations.FixedTimeEquals(candidate, presented);
        }

        return found;
    }
}
