using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AdOrleans.Gateway.Ads.Tracking;

/// <summary>
/// Signed tracking tokens: base64url(JSON claims) "." base64url(HMAC-SHA256(key, JSON claims)). Any change to
/// the claims (price, campaign, expiry...) breaks the signature; comparison is constant-time.
/// </summary>
public sealed class TrackingTokens(IOptions<TrackingOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.SigningKey);

    public TimeSpan Lifetime => options.Value.TokenLifetime;

    public string Sign(TrackingClaims claims)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims, TrackingJsonContext.Default.TrackingClaims);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload));
    }

    /// <summary>The claims when the token is authentic and unexpired; otherwise null and why.</summary>
    public TrackingClaims? Verify(string? token, DateTimeOffset now, out string? error)
    {
        error = null;
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || token.Length > 4096 || dot <= 0)
        {
            error = "A signed tracking token is required.";
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
            {
                error = "The tracking token's signature does not match.";
                return null;
            }

            var claims = JsonSerializer.Deserialize(payload, TrackingJsonContext.Default.TrackingClaims);
            if (claims is null || claims.ExpiresAt < now.ToUnixTimeSeconds())
            {
                error = "The tracking token has expired.";
                return null;
            }

            return claims;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            error = "The tracking token is malformed.";
            return null;
        }
    }
}
