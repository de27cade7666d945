using System.Security.Cryptography;
using System.Text;

namespace AdOrleans.Gateway.Integrations;

/// <summary>The same signature the alert webhooks send: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body.</summary>
public static class WebhookSignature
{
    public const string Header = "X-AdOrleans-Signature";

    private const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time comparison: the time taken never tells how much of a forged signature matched.</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string secret, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        Span<byte> given = stackalloc byte[32];
        return Convert.FromHexString(header.AsSpan(Prefix.Length), given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 32 && CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
